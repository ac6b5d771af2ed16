using System.Text;
using Fontana.Core.Api;
using Fontana.Core.Errors;
using Fontana.Node.InProcess;

namespace Fontana.Node.Streaming;

/// <summary>
/// The <c>request</c> op of <c>/v1/stream</c>: a node API call (<c>GET</c> or <c>POST</c> under <c>/v1/</c>) answered on the
/// same WebSocket as a <c>response</c> event with the request's <c>id</c>. Requests run through the node's own pipeline
/// in memory (same endpoints, limits and problem+json errors as over HTTP), concurrently, at most
/// <see cref="MaxInFlight"/> per connection (the receive loop waits beyond that, so a client cannot pile up work).
/// </summary>
internal sealed class StreamRequestRunner(NodeApplicationHolder application)
{
    /// <summary>Requests one connection may have running at once.</summary>
    public const int MaxInFlight = 32;

    private readonly SemaphoreSlim _slots = new(MaxInFlight);

    /// <summary>Validates and starts one request; returns once it runs (or was refused), not when it is answered.</summary>
    public async Task StartAsync(StreamConnection connection, StreamRequestDto request, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(request.Id) || request.Id.Length > 64)
        {
            Reply(connection, StreamSubscriber.Error(ErrorCodes.BadRequest, "a request needs \"id\" (1–64 characters), echoed in its response"));
            return;
        }

        if (request.Method is not ("GET" or "POST") || request.Path is not { } path
            || !path.TrimStart('/').StartsWith("v1/", StringComparison.Ordinal) || path.TrimStart('/').StartsWith("v1/stream", StringComparison.Ordinal))
        {
            Reply(connection, new StreamEventDto("error", Code: ErrorCodes.BadRequest, Id: request.Id,
                Message: "a request needs \"method\" GET or POST and a \"path\" under v1/ (not v1/stream)"));
            return;
        }

        await _slots.WaitAsync(cancellationToken);
        _ = RunAsync(connection, request, path, cancellationToken);
    }

    private async Task RunAsync(StreamConnection connection, StreamRequestDto request, string path, CancellationToken cancellationToken)
    {
        try
        {
            var app = await application.GetAsync(cancellationToken);
            var body = request.Method == "POST" && request.Body is { } text ? Encoding.UTF8.GetBytes(text) : [];
            var response = await app.SendAsync(request.Method!, path, body, cancellationToken);
            Reply(connection, new StreamEventDto("response", Id: request.Id, StatusCode: response.Status,
                Body: response.Body.Length == 0 ? null : Encoding.UTF8.GetString(response.Body), ContentType: response.ContentType));
        }
        catch (OperationCanceledException)
        {
            // The connection is closing: nobody is waiting for the answer.
        }
        finally
        {
            _slots.Release();
        }
    }

    private static void Reply(StreamConnection connection, StreamEventDto message) => connection.TryEnqueue(StreamHub.Serialize(message));
}
