using Fontana.Core.Errors;

namespace Fontana.Core.X402;

/// <summary>
/// Stable <c>errorReason</c> / <c>invalidReason</c> values. x402-defined reasons (spec §9) and Fontana's scheme
/// reasons are snake_case, as the spec writes them. When the ledger itself rejects the payment transaction,
/// the reason is the ledger's kebab-case rejection code verbatim (e.g. <c>input-spent</c>); the two styles never
/// collide, see <see cref="IsLedgerRejection"/>. The list with meanings is in <c>docs/x402.md</c>.
/// </summary>
public static class X402ErrorReasons
{
    // x402 v2 spec §9.

    /// <summary>The payer's coins do not cover amount + fee.</summary>
    public const string InsufficientFunds = "insufficient_funds";

    /// <summary>The network is not one this server/facilitator settles on.</summary>
    public const string InvalidNetwork = "invalid_network";

    /// <summary>The payment payload is malformed.</summary>
    public const string InvalidPayload = "invalid_payload";

    /// <summary>The payment requirements are malformed.</summary>
    public const string InvalidPaymentRequirements = "invalid_payment_requirements";

    /// <summary>The scheme is not valid here.</summary>
    public const string InvalidScheme = "invalid_scheme";

    /// <summary>The scheme is not supported (Fontana supports <c>exact</c> only).</summary>
    public const string UnsupportedScheme = "unsupported_scheme";

    /// <summary><c>x402Version</c> is not 2.</summary>
    public const string InvalidX402Version = "invalid_x402_version";

    /// <summary>The transaction failed or was rejected on the ledger for a reason without a ledger code.</summary>
    public const string InvalidTransactionState = "invalid_transaction_state";

    /// <summary>Unexpected failure while verifying.</summary>
    public const string UnexpectedVerifyError = "unexpected_verify_error";

    /// <summary>Unexpected failure while settling (e.g. ledger unreachable).</summary>
    public const string UnexpectedSettleError = "unexpected_settle_error";

    // Fontana exact scheme.

    /// <summary>The Fontana payload is malformed: transaction bytes do not decode, challenge missing, wrong shape.</summary>
    public const string InvalidExactFontanaPayload = "invalid_exact_fontana_payload";

    /// <summary>The transaction's signature is invalid or its signer does not own the inputs.</summary>
    public const string InvalidExactFontanaPayloadSignature = "invalid_exact_fontana_payload_signature";

    /// <summary>The challenge (or the transaction's expiry) has expired.</summary>
    public const string PaymentExpired = "payment_expired";

    /// <summary>The transaction pays <c>payTo</c> a different amount than required, or the offer's amount differs.</summary>
    public const string AmountMismatch = "amount_mismatch";

    /// <summary>The transaction does not pay the required <c>payTo</c> address.</summary>
    public const string PayToMismatch = "payto_mismatch";

    /// <summary>The payment's network (or the transaction's chain id) is not the provider's.</summary>
    public const string NetworkMismatch = "network_mismatch";

    /// <summary>The asset is not <c>utia</c>.</summary>
    public const string AssetMismatch = "asset_mismatch";

    /// <summary>The challenge's signature is invalid, it was not issued by this provider, or it is for another resource/method.</summary>
    public const string ChallengeInvalid = "challenge_invalid";

    /// <summary>The transaction's memo is not the hash of the challenge it claims to answer.</summary>
    public const string MemoMismatch = "memo_mismatch";

    /// <summary>The challenge was already paid and used for a call: a payment buys one call.</summary>
    public const string ChallengeUsed = "challenge_used";

    /// <summary>
    /// This payment was already settled for something else: at a provider, the same payment (or payment identifier)
    /// for another request (method, path and query, or body differ); at the facilitator, a second settlement of an
    /// already-settled transaction by another caller.
    /// </summary>
    public const string DuplicateSettlement = "duplicate_settlement";

    /// <summary>The payment's call ran once, but its response was not stored (too large, or the handler failed mid-response), so a replay cannot be served.</summary>
    public const string PaidCallNotReplayable = "paid_call_not_replayable";

    /// <summary>The payment's call started on an instance that stopped before finishing it; it is never run a second time.</summary>
    public const string PaidCallInterrupted = "paid_call_interrupted";

    /// <summary>The <c>payment-identifier</c> extension's id is not 16 to 128 characters from <c>[A-Za-z0-9_-]</c>.</summary>
    public const string InvalidPaymentIdentifier = "invalid_payment_identifier";

    // Ledger rejection codes most useful to clients (passed through verbatim).

    /// <summary>Ledger: an input of the payment was already spent by another transaction.</summary>
    public const string InputSpent = ErrorCodes.InputSpent;

    /// <summary>True when <paramref name="reason"/> is a ledger rejection code passed through (kebab-case).</summary>
    public static bool IsLedgerRejection(string? reason) => reason is not null && reason.Contains('-', StringComparison.Ordinal);
}
