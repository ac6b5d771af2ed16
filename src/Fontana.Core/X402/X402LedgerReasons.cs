using System.Text.Json;
using Fontana.Core.Errors;

namespace Fontana.Core.X402;

/// <summary>
/// The facilitator's one table from ledger rejection codes (kebab-case) to x402 reasons (snake_case, the spec's §9
/// list first, then the Fontana scheme's): what <c>/v1/x402/verify</c> and <c>/settle</c> put in
/// <c>invalidReason</c> / <c>errorReason</c>. The ledger code itself is kept in
/// <c>extensions.fontana.ledgerCode</c> (and the detail in <c>invalidMessage</c> / <c>errorMessage</c>), so Fontana
/// providers and the SDK still see <c>input-spent</c>. Documented in docs/x402.md "Facilitator reasons".
/// </summary>
public static class X402LedgerReasons
{
    /// <summary>The key of the ledger code inside the <c>fontana</c> extension object.</summary>
    public const string LedgerCodeKey = "ledgerCode";

    private static readonly Dictionary<string, string> Table = new(StringComparer.Ordinal)
    {
        // The payment's coins: gone, never there, not the payer's.
        [ErrorCodes.InputSpent] = X402ErrorReasons.InvalidTransactionState,
        [ErrorCodes.InputNotFound] = X402ErrorReasons.InsufficientFunds,
        [ErrorCodes.NotOwner] = X402ErrorReasons.InvalidExactFontanaPayloadSignature,
        [ErrorCodes.BadSignature] = X402ErrorReasons.InvalidExactFontanaPayloadSignature,

        // Time and place.
        [ErrorCodes.Expired] = X402ErrorReasons.PaymentExpired,
        [ErrorCodes.WrongChain] = X402ErrorReasons.InvalidNetwork,
        [ErrorCodes.UnsupportedVersion] = X402ErrorReasons.InvalidPayload,

        // A transaction that breaks a stateless rule.
        [ErrorCodes.Malformed] = X402ErrorReasons.InvalidPayload,
        [ErrorCodes.DuplicateInput] = X402ErrorReasons.InvalidPayload,
        [ErrorCodes.NoInputs] = X402ErrorReasons.InvalidPayload,
        [ErrorCodes.NoOutputs] = X402ErrorReasons.InvalidPayload,
        [ErrorCodes.ZeroOutput] = X402ErrorReasons.InvalidPayload,
        [ErrorCodes.AmountOverflow] = X402ErrorReasons.InvalidPayload,
        [ErrorCodes.MemoTooLong] = X402ErrorReasons.InvalidPayload,
        [ErrorCodes.FeeTooLow] = X402ErrorReasons.InvalidPayload,
        [ErrorCodes.TooManyInputs] = X402ErrorReasons.InvalidPayload,
        [ErrorCodes.TooManyOutputs] = X402ErrorReasons.InvalidPayload,
        [ErrorCodes.TooLarge] = X402ErrorReasons.InvalidPayload,
        [ErrorCodes.ValueMismatch] = X402ErrorReasons.InvalidPayload,

        // The ledger could not decide.
        [ErrorCodes.LedgerUnavailable] = X402ErrorReasons.UnexpectedSettleError,
        [ErrorCodes.NotReady] = X402ErrorReasons.UnexpectedSettleError,
    };

    /// <summary>Every mapped ledger code and its reason (for the docs and their test).</summary>
    public static IReadOnlyDictionary<string, string> All => Table;

    /// <summary>
    /// The x402 reason for <paramref name="reason"/>: snake_case reasons pass unchanged; a ledger code maps through
    /// the table, and one the table does not list becomes <c>invalid_transaction_state</c>.
    /// </summary>
    public static string ToX402(string reason)
    {
        ArgumentNullException.ThrowIfNull(reason);
        if (!X402ErrorReasons.IsLedgerRejection(reason))
        {
            return reason;
        }

        return Table.TryGetValue(reason, out var mapped) ? mapped : X402ErrorReasons.InvalidTransactionState;
    }

    /// <summary><c>{"fontana":{"ledgerCode": code}}</c>, or null when <paramref name="reason"/> is not a ledger code.</summary>
    public static JsonElement? ToExtensions(string reason) =>
        X402ErrorReasons.IsLedgerRejection(reason)
            ? JsonSerializer.SerializeToElement(new Dictionary<string, Dictionary<string, string>>
            {
                [FontanaExactReceipt.ExtensionKey] = new() { [LedgerCodeKey] = reason },
            })
            : null;

    /// <summary>The ledger code a facilitator answer carries in <c>extensions.fontana.ledgerCode</c>, or null (never throws).</summary>
    public static string? ReadLedgerCode(JsonElement? extensions) =>
        extensions is { ValueKind: JsonValueKind.Object } e
        && e.TryGetProperty(FontanaExactReceipt.ExtensionKey, out var fontana)
        && fontana.ValueKind == JsonValueKind.Object
        && fontana.TryGetProperty(LedgerCodeKey, out var code)
        && code.ValueKind == JsonValueKind.String
            ? code.GetString()
            : null;
}
