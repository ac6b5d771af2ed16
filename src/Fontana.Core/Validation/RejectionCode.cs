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
    public static readonly RejectionCode Malformed = new(ErrorCodes.Malformed);
    public static readonly RejectionCode BadSignature = new(ErrorCodes.BadSignature);
    public static readonly RejectionCode WrongChain = new(ErrorCodes.WrongChain);
    public static readonly RejectionCode UnsupportedVersion = new(ErrorCodes.UnsupportedVersion);
    public static readonly RejectionCode DuplicateInput = new(ErrorCodes.DuplicateInput);
    public static readonly RejectionCode NoInputs = new(ErrorCodes.NoInputs);
    public static readonly RejectionCode NoOutputs = new(ErrorCodes.NoOutputs);
    public static readonly RejectionCode ZeroOutput = new(ErrorCodes.ZeroOutput);
    public static readonly RejectionCode AmountOverflow = new(ErrorCodes.AmountOverflow);
    public static readonly RejectionCode MemoTooLong = new(ErrorCodes.MemoTooLong);
    public static readonly RejectionCode ExternalRefTooLong = new(ErrorCodes.ExternalRefTooLong);
    public static readonly RejectionCode Expired = new(ErrorCodes.Expired);
    public static readonly RejectionCode FeeTooLow = new(ErrorCodes.FeeTooLow);
    public static readonly RejectionCode TooManyInputs = new(ErrorCodes.TooManyInputs);
    public static readonly RejectionCode TooManyOutputs = new(ErrorCodes.TooManyOutputs);
    public static readonly RejectionCode TooLarge = new(ErrorCodes.TooLarge);
    public static readonly RejectionCode UnexpectedInputs = new(ErrorCodes.UnexpectedInputs);
    public static readonly RejectionCode UnexpectedOutputs = new(ErrorCodes.UnexpectedOutputs);
    public static readonly RejectionCode UnexpectedFee = new(ErrorCodes.UnexpectedFee);
    public static readonly RejectionCode UnexpectedExternalRef = new(ErrorCodes.UnexpectedExternalRef);
    public static readonly RejectionCode MissingExternalRef = new(ErrorCodes.MissingExternalRef);
    public static readonly RejectionCode BadMemo = new(ErrorCodes.BadMemo);

    /// <summary>A withdrawal whose external reference is not a canonical <c>celestia1…</c> address over 20 bytes.</summary>
    public static readonly RejectionCode BadL1Address = new(ErrorCodes.BadL1Address);

    /// <summary>A session open or top-up with a zero deposit or amount, no expiry, or the payer as its own payee.</summary>
    public static readonly RejectionCode BadSessionTerms = new(ErrorCodes.BadSessionTerms);

    /// <summary>A claim's or close's voucher is malformed: counter 0, cumulative 0, or another session than the close names.</summary>
    public static readonly RejectionCode BadVoucher = new(ErrorCodes.BadVoucher);

    // Stateful (the ledger).
    public static readonly RejectionCode InputNotFound = new(ErrorCodes.InputNotFound);
    public static readonly RejectionCode InputSpent = new(ErrorCodes.InputSpent);
    public static readonly RejectionCode NotOwner = new(ErrorCodes.NotOwner);
    public static readonly RejectionCode ValueMismatch = new(ErrorCodes.ValueMismatch);
    public static readonly RejectionCode NotBridgeAuthority = new(ErrorCodes.NotBridgeAuthority);
    public static readonly RejectionCode DuplicateDeposit = new(ErrorCodes.DuplicateDeposit);
    public static readonly RejectionCode UnknownWithdrawal = new(ErrorCodes.UnknownWithdrawal);
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

    public override string ToString() => Value;
}
