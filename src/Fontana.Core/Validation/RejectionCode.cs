using System.Diagnostics.CodeAnalysis;
using Fontana.Core.Encoding;
using Fontana.Core.Errors;

namespace Fontana.Core.Validation;

/// <summary>
/// Why a transaction was rejected: a stable kebab-case code (the <c>code</c> of the HTTP problem+json, the CLI's error code).
/// Every code is listed and explained in docs/protocol.md §8. <c>default</c> is "no code" (<see cref="IsNone"/>).
/// </summary>
public readonly record struct RejectionCode
{
    // Stateless (TransactionValidator).
    /// <summary><c>malformed</c>: The bytes are not a canonical transaction encoding (any decoder error without a code of its own).</summary>
    public static readonly RejectionCode Malformed = new(ErrorCodes.Malformed);

    /// <summary><c>bad-signature</c>: The signature does not verify for the signer over the signing message (docs/protocol.md §3).</summary>
    public static readonly RejectionCode BadSignature = new(ErrorCodes.BadSignature);

    /// <summary><c>wrong-chain</c>: The transaction's chain id is not this chain's.</summary>
    public static readonly RejectionCode WrongChain = new(ErrorCodes.WrongChain);

    /// <summary><c>unsupported-version</c>: The version is not 1 (decoder <c>bad-version</c> maps here).</summary>
    public static readonly RejectionCode UnsupportedVersion = new(ErrorCodes.UnsupportedVersion);

    /// <summary><c>duplicate-input</c>: The same outpoint is spent twice in one transaction.</summary>
    public static readonly RejectionCode DuplicateInput = new(ErrorCodes.DuplicateInput);

    /// <summary><c>no-inputs</c>: A transfer or withdrawal spends nothing.</summary>
    public static readonly RejectionCode NoInputs = new(ErrorCodes.NoInputs);

    /// <summary><c>no-outputs</c>: A transfer or deposit creates no output.</summary>
    public static readonly RejectionCode NoOutputs = new(ErrorCodes.NoOutputs);

    /// <summary><c>zero-output</c>: An output's amount is 0.</summary>
    public static readonly RejectionCode ZeroOutput = new(ErrorCodes.ZeroOutput);

    /// <summary><c>amount-overflow</c>: The outputs plus the fee exceed 2^64 − 1 utia.</summary>
    public static readonly RejectionCode AmountOverflow = new(ErrorCodes.AmountOverflow);

    /// <summary><c>memo-too-long</c>: The memo is longer than 64 bytes.</summary>
    public static readonly RejectionCode MemoTooLong = new(ErrorCodes.MemoTooLong);

    /// <summary><c>external-ref-too-long</c>: The external reference is longer than 128 UTF-8 bytes.</summary>
    public static readonly RejectionCode ExternalRefTooLong = new(ErrorCodes.ExternalRefTooLong);

    /// <summary><c>expired</c>: <c>expiry ≠ 0</c> and the current time is past it.</summary>
    public static readonly RejectionCode Expired = new(ErrorCodes.Expired);

    /// <summary><c>fee-too-low</c>: A transfer's, withdrawal's, session open's, top-up's or claim's fee is below the chain minimum.</summary>
    public static readonly RejectionCode FeeTooLow = new(ErrorCodes.FeeTooLow);

    /// <summary><c>too-many-inputs</c>: More than 256 inputs.</summary>
    public static readonly RejectionCode TooManyInputs = new(ErrorCodes.TooManyInputs);

    /// <summary><c>too-many-outputs</c>: More than 256 outputs.</summary>
    public static readonly RejectionCode TooManyOutputs = new(ErrorCodes.TooManyOutputs);

    /// <summary><c>too-large</c>: The signed encoding is longer than 16384 bytes.</summary>
    public static readonly RejectionCode TooLarge = new(ErrorCodes.TooLarge);

    /// <summary><c>unexpected-inputs</c>: A deposit or withdrawal confirmation spends inputs.</summary>
    public static readonly RejectionCode UnexpectedInputs = new(ErrorCodes.UnexpectedInputs);

    /// <summary><c>unexpected-outputs</c>: A withdrawal confirmation creates outputs.</summary>
    public static readonly RejectionCode UnexpectedOutputs = new(ErrorCodes.UnexpectedOutputs);

    /// <summary><c>unexpected-fee</c>: A deposit or withdrawal confirmation has a non-zero fee.</summary>
    public static readonly RejectionCode UnexpectedFee = new(ErrorCodes.UnexpectedFee);

    /// <summary><c>unexpected-external-ref</c>: A transfer carries an external reference.</summary>
    public static readonly RejectionCode UnexpectedExternalRef = new(ErrorCodes.UnexpectedExternalRef);

    /// <summary><c>missing-external-ref</c>: A withdrawal, deposit or withdrawal confirmation has no external reference.</summary>
    public static readonly RejectionCode MissingExternalRef = new(ErrorCodes.MissingExternalRef);

    /// <summary><c>bad-memo</c>: A withdrawal confirmation's memo is not exactly 32 bytes (the withdrawal txid).</summary>
    public static readonly RejectionCode BadMemo = new(ErrorCodes.BadMemo);

    /// <summary>A withdrawal whose external reference is not a canonical <c>celestia1…</c> address over 20 bytes.</summary>
    public static readonly RejectionCode BadL1Address = new(ErrorCodes.BadL1Address);

    /// <summary>A session open or top-up with a zero deposit or amount, no expiry, or the payer as its own payee.</summary>
    public static readonly RejectionCode BadSessionTerms = new(ErrorCodes.BadSessionTerms);

    /// <summary>A claim's or close's voucher is malformed: counter 0, cumulative 0, or another session than the close names.</summary>
    public static readonly RejectionCode BadVoucher = new(ErrorCodes.BadVoucher);

    // Stateful (the ledger).
    /// <summary><c>input-not-found</c>: An input refers to an output that never existed.</summary>
    public static readonly RejectionCode InputNotFound = new(ErrorCodes.InputNotFound);

    /// <summary><c>input-spent</c>: An input was already spent by another transaction (re-submitting the same transaction is not an error).</summary>
    public static readonly RejectionCode InputSpent = new(ErrorCodes.InputSpent);

    /// <summary><c>not-owner</c>: An input belongs to a key other than the signer.</summary>
    public static readonly RejectionCode NotOwner = new(ErrorCodes.NotOwner);

    /// <summary><c>value-mismatch</c>: Transfer: inputs ≠ outputs + fee; withdrawal: nothing left to withdraw.</summary>
    public static readonly RejectionCode ValueMismatch = new(ErrorCodes.ValueMismatch);

    /// <summary><c>not-bridge-authority</c>: A deposit or withdrawal confirmation is not signed by the bridge authority key.</summary>
    public static readonly RejectionCode NotBridgeAuthority = new(ErrorCodes.NotBridgeAuthority);

    /// <summary><c>duplicate-deposit</c>: A deposit's L1 reference was already minted.</summary>
    public static readonly RejectionCode DuplicateDeposit = new(ErrorCodes.DuplicateDeposit);

    /// <summary><c>unknown-withdrawal</c>: A confirmation names a txid that is not a withdrawal.</summary>
    public static readonly RejectionCode UnknownWithdrawal = new(ErrorCodes.UnknownWithdrawal);

    /// <summary><c>withdrawal-already-confirmed</c>: The withdrawal was already confirmed.</summary>
    public static readonly RejectionCode WithdrawalAlreadyConfirmed = new(ErrorCodes.WithdrawalAlreadyConfirmed);

    /// <summary>No session with this id was ever opened.</summary>
    public static readonly RejectionCode SessionNotFound = new(ErrorCodes.SessionNotFound);

    /// <summary>The session is already closed or reclaimed.</summary>
    public static readonly RejectionCode SessionClosed = new(ErrorCodes.SessionClosed);

    /// <summary>A top-up or reclaim not signed by the session's payer (or a close by neither side).</summary>
    public static readonly RejectionCode NotSessionPayer = new(ErrorCodes.NotSessionPayer);

    /// <summary>A claim not signed by the session's payee, or paying someone else.</summary>
    public static readonly RejectionCode NotSessionPayee = new(ErrorCodes.NotSessionPayee);

    /// <summary>The voucher's signature does not verify for the session key.</summary>
    public static readonly RejectionCode BadVoucherSignature = new(ErrorCodes.BadVoucherSignature);

    /// <summary>The voucher's cumulative amount is more than the session's deposit.</summary>
    public static readonly RejectionCode VoucherExceedsDeposit = new(ErrorCodes.VoucherExceedsDeposit);

    /// <summary>A claim whose voucher's counter is not above the last claimed voucher's (a replayed or older voucher).</summary>
    public static readonly RejectionCode ClaimNotForward = new(ErrorCodes.ClaimNotForward);

    /// <summary>A claim (or a close's payee share) above what its voucher authorizes beyond what was already claimed.</summary>
    public static readonly RejectionCode ClaimExceedsVoucher = new(ErrorCodes.ClaimExceedsVoucher);

    /// <summary>A reclaim before the session's expiry.</summary>
    public static readonly RejectionCode SessionNotExpired = new(ErrorCodes.SessionNotExpired);

    /// <summary>A top-up of a session past its expiry, or an open whose expiry has passed.</summary>
    public static readonly RejectionCode SessionExpired = new(ErrorCodes.SessionExpired);

    /// <summary>Every code, stateless ones first.</summary>
    public static readonly IReadOnlyList<RejectionCode> All =
    [
        Malformed, BadSignature, WrongChain, UnsupportedVersion, DuplicateInput, NoInputs, NoOutputs, ZeroOutput,
        AmountOverflow, MemoTooLong, ExternalRefTooLong, Expired, FeeTooLow, TooManyInputs, TooManyOutputs, TooLarge,
        UnexpectedInputs, UnexpectedOutputs, UnexpectedFee, UnexpectedExternalRef, MissingExternalRef, BadMemo, BadL1Address,
        InputNotFound, InputSpent, NotOwner, ValueMismatch, NotBridgeAuthority, DuplicateDeposit, UnknownWithdrawal,
        WithdrawalAlreadyConfirmed, BadSessionTerms, BadVoucher, SessionNotFound, SessionClosed, NotSessionPayer, NotSessionPayee,
        BadVoucherSignature, VoucherExceedsDeposit, ClaimNotForward, ClaimExceedsVoucher, SessionNotExpired, SessionExpired,
    ];

    private readonly string? _value;

    private RejectionCode(string value) => _value = value;

    /// <summary>The kebab-case code, e.g. <c>input-spent</c> (empty for <c>default</c>).</summary>
    public string Value => _value ?? string.Empty;

    /// <summary>True for <c>default</c>: no rejection.</summary>
    public bool IsNone => _value is null;

    /// <summary>Finds the code with this text (e.g. from a problem+json <c>code</c> field).</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out RejectionCode code)
    {
        foreach (var candidate in All)
        {
            if (string.Equals(candidate._value, text, StringComparison.Ordinal))
            {
                code = candidate;
                return true;
            }
        }

        code = default;
        return false;
    }

    /// <summary>
    /// The rejection for a transaction whose bytes failed to decode: limits keep their own code
    /// (<c>too-many-inputs</c>, <c>memo-too-long</c>, …), <c>bad-version</c> becomes <c>unsupported-version</c>,
    /// anything else is <c>malformed</c>.
    /// </summary>
    public static RejectionCode FromFormatCode(string? formatCode) => formatCode switch
    {
        FormatErrorCode.TooManyInputs => TooManyInputs,
        FormatErrorCode.TooManyOutputs => TooManyOutputs,
        FormatErrorCode.MemoTooLong => MemoTooLong,
        FormatErrorCode.ExternalRefTooLong => ExternalRefTooLong,
        FormatErrorCode.TooLarge => TooLarge,
        FormatErrorCode.BadVersion => UnsupportedVersion,
        _ => Malformed,
    };

    /// <summary>The kebab-case code; empty for <c>default</c>.</summary>
    public override string ToString() => Value;
}
