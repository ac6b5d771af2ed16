using System.Runtime.CompilerServices;
using System.Text.Json;
using Fontana.Core.Api;
using Fontana.Core.Errors;
using Fontana.Node.Streaming;

namespace Fontana.Node.InProcess;

/// <summary>
/// <see cref="IInProcessNode"/>: the node reached from the same process without sockets. Requests run through the
/// host's pipeline in memory; subscriptions are connections of the stream hub read directly (same limits, same
/// catch-up and resume as <c>/v1/stream</c>). A subscriber that lets its buffer overflow is dropped: its enumeration
/// ends with <see cref="IOException"/>, and the SDK resumes it.
/// </summary>
internal sealed class InProcessNode(NodeApplicationHolder application, StreamHub hub, IServiceProvider services) : IInProcessNode
{
    public async Task<NodeApiResponse> SendAsync(string method, string path, ReadOnlyMemory<byte> jsonBody, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(method);
        ArgumentException.ThrowIfNullOrEmpty(path);
        var app = await application.GetAsync(cancellationToken).ConfigureAwait(false);
        return await app.SendAsync(method, path, jsonBody, cancellationToken).ConfigureAwait(false);
    }

    public async IAsyncEnumerable<StreamEventDto> SubscribeAsync(StreamRequestDto subscription, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        var connection = hub.TryConnect() ?? throw new IOException($"{ErrorCodes.TooManyConnections}: the node holds its limit of {hub.Options.MaxConnections} stream connections");
        try
        {
            var subscriber = new StreamSubscriber(hub, services.GetService(typeof(ITxStatusSource)) as ITxStatusSource, services.GetService(typeof(IHeaderHistory)) as IHeaderHistory);
            if (await subscriber.SubscribeAsync(connection, subscription with { Op = "subscribe" }, cancellationToken).ConfigureAwait(false) is { } error)
            {
                yield return error;
                yield break;
            }

            await foreach (var bytes in connection.Outbox.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                yield return JsonSerializer.Deserialize(bytes, ApiJsonContext.Default.StreamEventDto)!;
            }

            if (connection.Overflowed)
            {
                throw new IOException($"the in-process subscriber was too slow: its buffer of {hub.Options.ConnectionBufferCapacity} messages overflowed");
            }
        }
        finally
        {
            hub.Disconnect(connection);
            connection.Dispose();
        }
    }
}
