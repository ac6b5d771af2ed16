using Fontana.Core.Errors;

namespace Fontana.Core.Encoding;

/// <summary>The stable codes carried by <see cref="FontanaFormatException.Code"/> (documented in docs/protocol.md).</summary>
public static class FormatErrorCode
{
    /// <summary>Not a valid encoding for a reason no more specific code names.</summary>
    public const string Malformed = ErrorCodes.Malformed;

    /// <summary>The input ends before the structure does.</summary>
    public const string Truncated = ErrorCodes.Truncated;

    /// <summary>Bytes remain after a complete structure.</summary>
    public const string TrailingBytes = ErrorCodes.TrailingBytes;

    /// <summary>The input is longer than the structure's hard size limit.</summary>
    public const string TooLarge = ErrorCodes.TooLarge;

    /// <summary>The version byte is not one this decoder knows.</summary>
    public const string BadVersion = ErrorCodes.BadVersion;

    /// <summary>The chain id is empty, longer than 32 bytes or has a byte outside <c>[a-z0-9-]</c>.</summary>
    public const string BadChainId = ErrorCodes.BadChainId;

    /// <summary>The transaction kind byte is not a defined <c>TransactionKind</c>.</summary>
    public const string BadKind = ErrorCodes.BadKind;

    /// <summary>The input count exceeds the limit (checked before anything is allocated).</summary>
    public const string TooManyInputs = ErrorCodes.TooManyInputs;

    /// <summary>The output count exceeds the limit (checked before anything is allocated).</summary>
    public const string TooManyOutputs = ErrorCodes.TooManyOutputs;

    /// <summary>The memo is longer than its limit.</summary>
    public const string MemoTooLong = ErrorCodes.MemoTooLong;

    /// <summary>The external reference is longer than its limit.</summary>
    public const string ExternalRefTooLong = ErrorCodes.ExternalRefTooLong;

    /// <summary>The external reference is not well-formed UTF-8.</summary>
    public const string BadExternalRef = ErrorCodes.BadExternalRef;

    /// <summary>A block's transaction count differs from its header's <c>TxCount</c>.</summary>
    public const string TxCountMismatch = ErrorCodes.TxCountMismatch;

    /// <summary>A transaction's length prefix inside a block is out of range.</summary>
    public const string BadTxLength = ErrorCodes.BadTxLength;
}
