namespace Fontana.Core.Errors;

public static partial class ErrorCodes
{
    // Transaction rejections, stateless (TransactionValidator) — docs/protocol.md §8.

    /// <summary>The transaction does not decode or breaks a structural rule.</summary>
    public const string Malformed = "malformed";

    /// <summary>A signature does not verify.</summary>
    public const string BadSignature = "bad-signature";

    /// <summary>The transaction is for another chain id.</summary>
    public const string WrongChain = "wrong-chain";

    /// <summary>The transaction format version is not supported.</summary>
    public const string UnsupportedVersion = "unsupported-version";

    /// <summary>The same output is spent twice in one transaction.</summary>
    public const string DuplicateInput = "duplicate-input";

    /// <summary>A transfer has no inputs.</summary>
    public const string NoInputs = "no-inputs";

    /// <summary>A transfer has no outputs.</summary>
    public const string NoOutputs = "no-outputs";

    /// <summary>An output has amount zero.</summary>
    public const string ZeroOutput = "zero-output";

    /// <summary>Amounts overflow 64 bits.</summary>
    public const string AmountOverflow = "amount-overflow";

    /// <summary>The memo is longer than allowed.</summary>
    public const string MemoTooLong = "memo-too-long";

    /// <summary>The external reference is longer than allowed.</summary>
    public const string ExternalRefTooLong = "external-ref-too-long";

    /// <summary>The transaction's expiry has passed.</summary>
    public const string Expired = "expired";

    /// <summary>The fee is below the chain's minimum.</summary>
    public const string FeeTooLow = "fee-too-low";

    /// <summary>More inputs than allowed.</summary>
    public const string TooManyInputs = "too-many-inputs";

    /// <summary>More outputs than allowed.</summary>
    public const string TooManyOutputs = "too-many-outputs";

    /// <summary>The encoded transaction (or block) is larger than allowed.</summary>
    public const string TooLarge = "too-large";

    /// <summary>This kind of transaction must not have inputs.</summary>
    public const string UnexpectedInputs = "unexpected-inputs";

    /// <summary>This kind of transaction must not have outputs.</summary>
    public const string UnexpectedOutputs = "unexpected-outputs";

    /// <summary>This kind of transaction must not pay a fee.</summary>
    public const string UnexpectedFee = "unexpected-fee";

    /// <summary>This kind of transaction must not carry an external reference.</summary>
    public const string UnexpectedExternalRef = "unexpected-external-ref";

    /// <summary>This kind of transaction needs an external reference.</summary>
    public const string MissingExternalRef = "missing-external-ref";

    /// <summary>The memo is not valid for this kind of transaction.</summary>
    public const string BadMemo = "bad-memo";

    // Transaction rejections, stateful (the ledger).

    /// <summary>An input is not a known output.</summary>
    public const string InputNotFound = "input-not-found";

    /// <summary>An input was already spent by another transaction.</summary>
    public const string InputSpent = "input-spent";

    /// <summary>The signer does not own an input.</summary>
    public const string NotOwner = "not-owner";

    /// <summary>Inputs do not equal outputs plus fee.</summary>
    public const string ValueMismatch = "value-mismatch";

    /// <summary>A bridge event is not signed by the bridge authority.</summary>
    public const string NotBridgeAuthority = "not-bridge-authority";

    /// <summary>The L1 deposit was already minted.</summary>
    public const string DuplicateDeposit = "duplicate-deposit";

    /// <summary>No withdrawal with that txid.</summary>
    public const string UnknownWithdrawal = "unknown-withdrawal";

    /// <summary>The withdrawal was already confirmed.</summary>
    public const string WithdrawalAlreadyConfirmed = "withdrawal-already-confirmed";

    /// <summary>Session rule (docs/protocol.md §4a): bad-session-terms.</summary>
    public const string BadSessionTerms = "bad-session-terms";

    /// <summary>Session rule (docs/protocol.md §4a): bad-voucher.</summary>
    public const string BadVoucher = "bad-voucher";

    /// <summary>Session rule (docs/protocol.md §4a): session-not-found.</summary>
    public const string SessionNotFound = "session-not-found";

    /// <summary>Session rule (docs/protocol.md §4a): session-closed.</summary>
    public const string SessionClosed = "session-closed";

    /// <summary>Session rule (docs/protocol.md §4a): not-session-payer.</summary>
    public const string NotSessionPayer = "not-session-payer";

    /// <summary>Session rule (docs/protocol.md §4a): not-session-payee.</summary>
    public const string NotSessionPayee = "not-session-payee";

    /// <summary>Session rule (docs/protocol.md §4a): bad-voucher-signature.</summary>
    public const string BadVoucherSignature = "bad-voucher-signature";

    /// <summary>Session rule (docs/protocol.md §4a): voucher-exceeds-deposit.</summary>
    public const string VoucherExceedsDeposit = "voucher-exceeds-deposit";

    /// <summary>Session rule (docs/protocol.md §4a): claim-not-forward.</summary>
    public const string ClaimNotForward = "claim-not-forward";

    /// <summary>Session rule (docs/protocol.md §4a): claim-exceeds-voucher.</summary>
    public const string ClaimExceedsVoucher = "claim-exceeds-voucher";

    /// <summary>Session rule (docs/protocol.md §4a): session-not-expired.</summary>
    public const string SessionNotExpired = "session-not-expired";

    /// <summary>Session rule (docs/protocol.md §4a): session-expired.</summary>
    public const string SessionExpired = "session-expired";

    // Canonical-encoding failures (FontanaFormatException) that are not rejection codes.

    /// <summary>The bytes end before the structure does.</summary>
    public const string Truncated = "truncated";

    /// <summary>Bytes follow the end of the structure.</summary>
    public const string TrailingBytes = "trailing-bytes";

    /// <summary>The encoding's version byte is unknown.</summary>
    public const string BadVersion = "bad-version";

    /// <summary>The chain id is not <c>[a-z0-9-]</c>, 1 to 32 characters.</summary>
    public const string BadChainId = "bad-chain-id";

    /// <summary>The transaction kind byte is unknown.</summary>
    public const string BadKind = "bad-kind";

    /// <summary>The external reference is not valid UTF-8 or has a bad length.</summary>
    public const string BadExternalRef = "bad-external-ref";

    /// <summary>A block's transaction count does not match its transactions.</summary>
    public const string TxCountMismatch = "tx-count-mismatch";

    /// <summary>A block's transaction length prefix is invalid.</summary>
    public const string BadTxLength = "bad-tx-length";
}
