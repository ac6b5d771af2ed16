using Fontana.Core;
using Fontana.Core.Api;
using Fontana.Core.Errors;

namespace Fontana.Node.Streaming;

/// <summary>
/// Adds one subscription to a connection — over a WebSocket (<see cref="StreamSession"/>) or in process
/// (<see cref="InProcess.InProcessNode"/>) — and sends what a late subscriber would otherwise miss: a txid's current
/// status, and for <c>headers</c> with <c>fromHeight</c> the sealed headers from that height to the tip before the live
/// ones (live headers are held meanwhile, then released above the last one replayed: no gap, no repeat).
/// </summary>
internal sealed class StreamSubscriber(StreamHub hub, ITxStatusSource? statuses, IHeaderHistory? headers)
{
    /// <summary>Most headers one resumed subscription replays (a client further behind reads <c>/v1/headers/{h}</c>).</summary>
    public const int MaxReplayHeaders = 10_000;

    /// <summary>Subscribes; returns null on success (the ack and any catch-up are queued) or the error to send.</summary>
    public async ValueTask<StreamEventDto?> SubscribeAsync(StreamConnection connection, StreamRequestDto request, CancellationToken cancellationToken)
    {
        if (!TryParse(request, out var subscription, out var error))
        {
            return error with { Id = request.Id };
        }

        if (request.FromHeight is { } from && subscription.Topic == StreamTopics.Headers)
        {
            if (headers?.TipHeight is not { } tip)
            {
                return Error(ErrorCodes.NotReady, "the node's ledger is not open: cannot resume headers yet") with { Id = request.Id };
            }

            if (tip >= from && tip - from >= MaxReplayHeaders)
            {
                return Error(ErrorCodes.BadHeight, $"fromHeight {from} is more than {MaxReplayHeaders} headers behind the tip {tip}; read /v1/headers/{{height}} first") with { Id = request.Id };
            }

            connection.BeginHeaderReplay();
        }

        if (!hub.Subscribe(connection, subscription))
        {
            connection.EndHeaderReplay(null);
            return Error(ErrorCodes.TooManySubscriptions, $"a connection may hold {hub.Options.MaxSubscriptionsPerConnection} subscriptions") with { Id = request.Id };
        }

        connection.TryEnqueue(StreamHub.Serialize(Ack("subscribed", request)));
        if (request.FromHeight is { } start && subscription.Topic == StreamTopics.Headers)
        {
            await ReplayHeadersAsync(connection, start, cancellationToken);
        }

        if (subscription.Topic == StreamTopics.Tx && statuses is not null
            && await statuses.CurrentStatusAsync(subscription.TxId, cancellationToken) is { } current)
        {
            StreamHub.SendCurrentTxStatus(connection, subscription.TxId, current);
        }

        return null;
    }

    public static bool TryParse(StreamRequestDto request, out StreamSubscription subscription, out StreamEventDto error)
    {
        subscription = default;
        error = null!;
        switch (request.Topic)
        {
            case StreamTopics.Headers:
                subscription = new StreamSubscription(StreamTopics.Headers);
                return true;
            case StreamTopics.Bridge:
                subscription = new StreamSubscription(StreamTopics.Bridge);
                return true;
            case StreamTopics.Tx when Hash32.TryParse(request.TxId, out var txId) && request.TxId!.Length == 64:
                subscription = new StreamSubscription(StreamTopics.Tx, TxId: txId);
                return true;
            case StreamTopics.Tx:
                error = Error(ErrorCodes.BadTxId, "topic \"tx\" needs \"txId\": 64 hex characters");
                return false;
            case StreamTopics.Address when Address.TryParse(request.Address, out var address, out _):
                subscription = new StreamSubscription(StreamTopics.Address, Address: address);
                return true;
            case StreamTopics.Address:
                error = Error(ErrorCodes.BadAddress, "topic \"address\" needs \"address\": a fnt1… address");
                return false;
            default:
                error = Error(ErrorCodes.MalformedJson, $"unknown topic \"{request.Topic}\"; expected headers, tx, address or bridge");
                return false;
        }
    }

    public static StreamEventDto Ack(string type, StreamRequestDto request) =>
        new(type, request.Topic, TxId: request.TxId, Address: request.Address, Id: request.Id);

    public static StreamEventDto Error(string code, string message) => new("error", Code: code, Message: message);

    private async Task ReplayHeadersAsync(StreamConnection connection, ulong from, CancellationToken cancellationToken)
    {
        ulong? last = null;
        try
        {
            for (var height = from; ; height++)
            {
                if (await headers!.GetAsync(height, cancellationToken) is not { } header)
                {
                    break;
                }

                if (!connection.TryEnqueue(StreamHub.Serialize(new StreamEventDto("header", StreamTopics.Headers, Header: header))))
                {
                    break;
                }

                last = height;
            }
        }
        finally
        {
            connection.EndHeaderReplay(last ?? (from == 0 ? null : from - 1));
        }
    }
}
