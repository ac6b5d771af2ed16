using System.Runtime.CompilerServices;
using Fontana.Core.Api;

namespace Fontana.Sdk.Transports;

/// <summary>
/// A node hosted in the same process (<c>AddFontanaNode</c> registers <see cref="IInProcessNode"/>), reached without
/// sockets: requests run through the node's pipeline in memory, subscriptions read its stream hub. A subscriber that
/// falls too far behind is dropped by the node like a slow WebSocket client; the transport resubscribes and resumes.
/// </summary>
public sealed class InProcessNodeTransport(IInProcessNode node, string name = "in-process") : INodeTransport
{
    private readonly IInProcessNode _node = node ?? throw new ArgumentNullException(nameof(node));

    /// <inheritdoc/>
    public string Name => name;

    /// <inheritdoc/>
    public Task ConnectAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

    /// <inheritdoc/>
    public Task DisconnectAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

    /// <inheritdoc/>
    public async Task<NodeApiResponse> SendAsync(NodeRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        try
        {
            return await _node.SendAsync(request.Method, request.Path, request.Body, cancellationToken).ConfigureAwait(false);
        }
        catch (ObjectDisposedException ex)
        {
            throw NodeTransportErrors.Unreachable(Name, "the in-process node has stopped", ex);
        }
    }

    /// <inheritdoc/>
    public async IAsyncEnumerable<StreamEventDto> StreamAsync(StreamRequestDto subscription, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        var cursor = new StreamCursor(subscription);
        while (true)
        {
            var events = _node.SubscribeAsync(cursor.Request, cancellationToken).GetAsyncEnumerator(cancellationToken);
            try
            {
                while (true)
                {
                    StreamEventDto message;
                    try
                    {
                        if (!await events.MoveNextAsync().ConfigureAwait(false))
                        {
                            yield break;
                        }

                        message = events.Current;
                    }
                    catch (IOException)
                    {
                        // Dropped as too slow: resubscribe from where we are.
                        break;
                    }

                    if (message.Type == "error")
                    {
                        throw NodeTransportErrors.StreamError(Name, message.Code, message.Message);
                    }

                    if (cursor.Matches(message) && cursor.Accept(message))
                    {
                        yield return message;
                    }
                }
            }
            finally
            {
                await events.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    /// <inheritdoc/>
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
