using Microsoft.Extensions.Logging;

namespace Fontana.Sdk.Monitor;

/// <summary>The monitor's log messages (source-generated).</summary>
internal static partial class MonitorLog
{
    [LoggerMessage(101, LogLevel.Warning, "Wallet monitor task {Task} failed; retrying at its next interval")]
    public static partial void RunFailed(ILogger logger, string task, Exception exception);

    [LoggerMessage(102, LogLevel.Warning, "Payment {TxId} is unproven after {Attempts} attempt(s): {Reason}")]
    public static partial void Unproven(ILogger logger, string txId, int attempts, string reason);

    [LoggerMessage(103, LogLevel.Information, "Payment {TxId} resolved by the monitor: {Outcome}")]
    public static partial void Resolved(ILogger logger, string txId, string outcome);
}
