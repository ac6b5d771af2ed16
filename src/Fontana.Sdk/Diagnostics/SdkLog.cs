using Microsoft.Extensions.Logging;

namespace Fontana.Sdk.Diagnostics;

/// <summary>The SDK's log messages (source-generated).</summary>
internal static partial class SdkLog
{
    [LoggerMessage(1, LogLevel.Information, "Split {TxId}: {Inputs} input(s) of {InputTotal} into {Outputs} output(s) of {OutputAmount} + change {Change}, fee {Fee}, for {Waiting} waiting call(s)")]
    public static partial void SplitConfirmed(ILogger logger, string txId, int inputs, string inputTotal, int outputs, string outputAmount, string change, string fee, int waiting);

    [LoggerMessage(2, LogLevel.Warning, "Split failed ({Code}); {Waiting} waiting call(s) affected")]
    public static partial void SplitFailed(ILogger logger, string code, int waiting, Exception exception);

    [LoggerMessage(3, LogLevel.Warning, "Payment input {OutPoint} was already spent; refreshing outputs and retrying (attempt {Attempt})")]
    public static partial void InputSpentRetry(ILogger logger, string outPoint, int attempt);

    [LoggerMessage(4, LogLevel.Warning, "Outcome of payment {TxId} is unknown ({Reason}); its coin stays locked until the node says")]
    public static partial void PaymentUncertain(ILogger logger, string txId, string reason);

    [LoggerMessage(5, LogLevel.Information, "Payment {TxId} resolved by the node: {Outcome}")]
    public static partial void PaymentResolved(ILogger logger, string txId, string outcome);

    [LoggerMessage(6, LogLevel.Debug, "UTXO refresh: {Added} added, {Confirmed} confirmed, {Dropped} dropped, {Flagged} flagged while locked")]
    public static partial void Refreshed(ILogger logger, int added, int confirmed, int dropped, int flagged);

    [LoggerMessage(7, LogLevel.Warning, "UTXO refresh failed")]
    public static partial void RefreshFailed(ILogger logger, Exception exception);

    [LoggerMessage(8, LogLevel.Information, "Split fee not affordable: refused a waiting call of {Required} for insufficient funds")]
    public static partial void SplitStoleReservation(ILogger logger, string required);

    [LoggerMessage(9, LogLevel.Debug, "Node stream disconnected; polling only until it reconnects")]
    public static partial void StreamDisconnected(ILogger logger, Exception? exception);

    [LoggerMessage(10, LogLevel.Warning, "Receipt of payment {TxId} failed verification: {Reason}")]
    public static partial void ReceiptInvalid(ILogger logger, string txId, string reason);

    [LoggerMessage(11, LogLevel.Debug, "A challenge handed out with a previous paid response was refused ({Reason}); paying the refusal's fresh challenge")]
    public static partial void PrefetchedChallengeRefused(ILogger logger, string reason);

    [LoggerMessage(12, LogLevel.Debug, "The next challenge of a paid response could not be read ({Code}); the next call starts unpaid")]
    public static partial void NextChallengeUnreadable(ILogger logger, string code);
}
