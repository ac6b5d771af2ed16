namespace Fontana.DataAvailability;

/// <summary>A data-availability failure with a stable <see cref="Code"/> from <see cref="DaErrorCodes"/>.</summary>
public sealed class DataAvailabilityException : Exception
{
    /// <summary>A failure with <paramref name="code"/> (a <see cref="DaErrorCodes"/> value) and what went wrong.</summary>
    public DataAvailabilityException(string code, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Code = code;
    }

    /// <summary>Kebab-case code, e.g. <c>da-unavailable</c>.</summary>
    public string Code { get; }

    /// <summary>Whether retrying may succeed (<see cref="DaErrorCodes.IsTransient"/>).</summary>
    public bool IsTransient => DaErrorCodes.IsTransient(Code);

    /// <summary>The JSON-RPC error code when <see cref="Code"/> is <c>da-rpc-error</c> or <c>da-auth</c>; otherwise null.</summary>
    public long? RpcErrorCode { get; init; }

    /// <summary>The code, then the usual exception text.</summary>
    public override string ToString() => $"{Code}: {base.ToString()}";
}
