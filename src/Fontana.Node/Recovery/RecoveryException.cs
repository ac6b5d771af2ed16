using Fontana.Core.Errors;

namespace Fontana.Node.Recovery;

/// <summary>Recovery stopped: <see cref="Code"/> is stable (<c>block-mismatch</c>, <c>block-invalid</c>, <c>da-corrupt</c>,
/// <c>no-genesis</c>, <c>chain-gap</c>, <c>store-not-empty</c>…) and the message names the block height.</summary>
public sealed class RecoveryException : Exception
{
    /// <summary>Recovery stopped with <paramref name="code"/> at Fontana block <paramref name="height"/> (when known).</summary>
    public RecoveryException(string code, string message, ulong? height = null, Exception? innerException = null)
        : base(message, innerException)
    {
        Code = code;
        Height = height;
    }

    /// <summary>A <c>recovery-failed</c> with a generic message.</summary>
    public RecoveryException()
        : this(ErrorCodes.RecoveryFailed, "recovery failed")
    {
    }

    /// <summary>A <c>recovery-failed</c> with <paramref name="message"/>.</summary>
    public RecoveryException(string message)
        : this(ErrorCodes.RecoveryFailed, message)
    {
    }

    /// <summary>A <c>recovery-failed</c> caused by <paramref name="innerException"/>.</summary>
    public RecoveryException(string message, Exception innerException)
        : this(ErrorCodes.RecoveryFailed, message, null, innerException)
    {
    }

    /// <summary>The stable kebab-case code, e.g. <c>block-mismatch</c> or <c>da-corrupt</c> (docs/errors.md).</summary>
    public string Code { get; }

    /// <summary>The Fontana block height where recovery stopped, when known.</summary>
    public ulong? Height { get; }
}
