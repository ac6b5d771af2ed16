using Microsoft.Extensions.Logging;

namespace Fontana.Sdk.Utxos;

/// <summary>Log messages of the shared coin leases (source-generated).</summary>
internal static partial class UtxoLog
{
    [LoggerMessage(201, LogLevel.Warning, "Wallet store failed to {Operation} the lease of {OutPoint}; the coin is skipped")]
    public static partial void LeaseStoreFailed(ILogger logger, string operation, string outPoint, Exception exception);
}
