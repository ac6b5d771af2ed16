using Fontana.Core.Errors;
using Fontana.Core;

namespace Fontana.Sdk;

/// <summary>
/// A call waited longer than the lock timeout for an output of the wallet to become free (or for a split to produce
/// one). The funds exist but are held by other calls in flight; raise <c>FontanaPayerOptions.LockTimeout</c> or lower
/// concurrency.
/// </summary>
public sealed class UtxoLockTimeoutException : FontanaPaymentException
{
    /// <c>utxo-lock-timeout</c>: no output became free within the lock timeout.
    public const string LockTimeoutCode = ErrorCodes.UtxoLockTimeout;

    /// <summary>A <c>utxo-lock-timeout</c> with a generic message and no amounts.</summary>
    public UtxoLockTimeoutException()
        : this("timed out waiting for an output")
    {
    }

    /// <summary>A <c>utxo-lock-timeout</c> with <paramref name="message"/>.</summary>
    public UtxoLockTimeoutException(string message)
        : base(LockTimeoutCode, message)
    {
    }

    /// <summary>A <c>utxo-lock-timeout</c> caused by <paramref name="innerException"/>.</summary>
    public UtxoLockTimeoutException(string message, Exception innerException)
        : base(LockTimeoutCode, message, innerException)
    {
    }

    /// <summary>A <c>utxo-lock-timeout</c> for a call that needed <paramref name="required"/>, waited <paramref name="timeout"/>, with <paramref name="waiting"/> calls waiting.</summary>
    public UtxoLockTimeoutException(Amount required, TimeSpan timeout, int waiting)
        : base(
            LockTimeoutCode,
            $"{LockTimeoutCode}: no output of at least {required} became free within {timeout.TotalSeconds:0.###} s ({waiting} calls waiting)")
    {
        Required = required;
        Timeout = timeout;
    }

    /// <summary>The amount the call needed.</summary>
    public Amount Required { get; }

    /// <summary>How long it waited.</summary>
    public TimeSpan Timeout { get; }
}
