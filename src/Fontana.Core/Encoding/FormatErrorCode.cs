namespace Fontana.Core.Encoding;

/// <summary>The stable codes carried by <see cref="FontanaFormatException.Code"/> (documented in docs/protocol.md).</summary>
public static class FormatErrorCode
{
    /// <summary>Not a valid encoding for a reason no more specific code names.</summary>
    public const string Malformed = "malformed";

    /// <summary>The input ends before the structure does.</summary>
    public const string Truncated = "truncated";

    /// <summary>Bytes remain after a complete structure.</summary>
    public const string TrailingBytes = "trailing-bytes";

    /// <summary>The input is longer than the structure's hard size limit.</summary>
    public const string TooLarge = "too-large";

    /// <summary>The version byte is not one this decoder knows.</summary>
    public const string BadVersion = "bad-version";

    /// <summary>The chain id is empty, longer than 32 bytes or has a byte outside <c>[a-z0-9-]</c>.</summary>
    public const string BadChainId = "bad-chain-id";

    /// <summary>The transaction kind byte is not a defined <c>TransactionKind</c>.</summary>
    public const string BadKind = "bad-kind";

    /// <summary>The input count exceeds the limit (checked before anything is allocated).</summary>
    public const string TooManyInputs = "too-many-inputs";

    /// <summary>The output count exceeds the limit (checked before anything is allocated).</summary>
    public const string TooManyOutputs = "too-many-outputs";

    /// <summary>The memo is longer than its limit.</summary>
    public const string MemoTooLong = "memo-too-long";

    /// <summary>The external reference is longer than its limit.</summary>
    public const string ExternalRefTooLong = "external-ref-too-long";

    /// <summary>The external reference is not well-formed UTF-8.</summary>
    public const string BadExternalRef = "bad-external-ref";

    /// <summary>A block's transaction count differs from its header's <c>TxCount</c>.</summary>
    public const string TxCountMismatch = "tx-count-mismatch";

    /// <summary>A transaction's length prefix inside a block is out of range.</summary>
    public const string BadTxLength = "bad-tx-length";
}
