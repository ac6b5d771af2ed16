using Fontana.Core.Errors;
using Fontana.Node.Api;
using Fontana.Node.InProcess;

namespace Fontana.Node.Streaming;

/// <summary><c>GET /v1/stream</c>: upgrades to a WebSocket and runs a <see cref="StreamSession"/>.</summary>
internal static class StreamEndpoint
{
    public static RouteHandlerBuilder MapStream(this IEndpointRouteBuilder v1) =>
        v1.MapGet("/stream", HandleAsync)
            .WithName("Stream")
            .WithSummary("WebSocket: subscribe to headers, a txid's status or an address's activity (JSON messages).")
            .Produces(StatusCodes.Status101SwitchingProtocols)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

    private static async Task<IResult> HandleAsync(HttpContext context, StreamHub hub, ILoggerFactory loggers)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            return ApiProblems.Create(StatusCodes.Status400BadRequest, ErrorCodes.WebSocketRequired, "/v1/stream is a WebSocket endpoint: send an Upgrade request");
        }

        var connection = hub.TryConnect();
        if (connection is null)
        {
            return ApiProblems.Create(StatusCodes.Status503ServiceUnavailable, ErrorCodes.TooManyConnections, $"the node holds its limit of {hub.Options.MaxConnections} stream connections");
        }

        try
        {
            using var socket = await context.WebSockets.AcceptWebSocketAsync();
            var services = context.RequestServices;
            var subscriber = new StreamSubscriber(hub, services.GetService<ITxStatusSource>(), services.GetService<IHeaderHistory>());
            var requests = services.GetService<NodeApplicationHolder>() is { } app ? new StreamRequestRunner(app) : null;
            var session = new StreamSession(socket, connection, hub, subscriber, requests, loggers.CreateLogger("Fontana.Node.Streaming"));
            // The host stopping ends the session too: Kestrel would otherwise wait for every open socket (followers keep
            // one each) until the shutdown timeout, and the block producer's final seal would be cancelled.
            var stopping = services.GetService<IHostApplicationLifetime>()?.ApplicationStopping ?? CancellationToken.None;
            using var ended = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping);
            await session.RunAsync(ended.Token);
        }
        finally
        {
            hub.Disconnect(connection);
            connection.Dispose();
        }

        return Results.Empty;
    }
}
