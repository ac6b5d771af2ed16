using Microsoft.Extensions.Logging;

namespace Fontana.Sdk.Sessions;

/// <summary>The session payer's log messages (source-generated).</summary>
internal static partial class SessionLog
{
    [LoggerMessage(201, LogLevel.Information, "Session {SessionId} closed; the provider was paid {Charged} in total")]
    public static partial void Closed(ILogger logger, string sessionId, string charged);

    [LoggerMessage(202, LogLevel.Information, "Session {SessionId} reclaimed after its expiry: {Returned} back to the wallet")]
    public static partial void Reclaimed(ILogger logger, string sessionId, string returned);

    [LoggerMessage(203, LogLevel.Warning, "Session {SessionId}: {Action} failed; it is tried again later")]
    public static partial void EndFailed(ILogger logger, string sessionId, string action, Exception exception);
}
