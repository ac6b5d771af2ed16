using Fontana.Core.Errors;

namespace Fontana.Node.Recovery;

/// <summary>Recovery stopped: <see cref="Code"/> is stable (<c>block-mismatch</c>, <c>block-invalid</c>, <c>da-corrupt</c>,
/// <c>no-genesis</c>, <c>chain-gap</c>, <c>store-not-empty</c>…) and the message names the block height.</summary>
public sealed class RecoveryException : Exception
{
    public RecoveryException(string code, string message, ulong? height = null, Exception? innerException = null)
        : base(message, innerException)
    {
        Code = code;
        Height = height;
    }

    public RecoveryException()
        : this(ErrorCodes.RecoveryFailed, "recovery failed")
    {
    }

    public RecoveryException(string message)
        : this(ErrorCodes.RecoveryFailed, message)
    {
    }

    public RecoveryException(string message, Exception innerException)
        : this(ErrorCodes.RecoveryFailed, message, null, innerException)
    {
    }

    public string Code { get; }

    /// <summary>The Fontana block height where recovery stopped, when known.</summary>
    public ulong? Height { get; }
}
