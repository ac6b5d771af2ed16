using Fontana.Core.Api;

namespace Fontana.Sdk.Transports;

/// <summary>
/// Where one subscription stands, so a reconnect resumes it without loss or repeats: the last header height seen
/// (resubscribe with <c>fromHeight</c> = last + 1; older or equal heights are dropped), the furthest status of a txid
/// (statuses only move forward), and the (txid, status) pairs of an address already delivered (bounded memory).
/// </summary>
internal sealed class StreamCursor(StreamRequestDto subscription)
{
    private const int SeenCapacity = 8192;
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
    private readonly Queue<string> _seenOrder = new();
    private ulong? _lastHeight;
    private int _txRank = -1;

    /// <summary>The subscription as asked for.</summary>
    public StreamRequestDto Subscription => subscription;

    /// <summary>The subscription to send now: the original one, resumed after the last header delivered.</summary>
    public StreamRequestDto Request => subscription.Topic == "headers" && _lastHeight is { } last
        ? subscription with { Op = "subscribe", FromHeight = last + 1 }
        : subscription with { Op = "subscribe" };

    /// <summary>True when <paramref name="message"/> is new for this subscription (and records it).</summary>
    public bool Accept(StreamEventDto message)
    {
        switch (message.Type)
        {
            case "header" when message.Header is { } header:
                if (_lastHeight is { } last && header.Height <= last)
                {
                    return false;
                }

                _lastHeight = header.Height;
                return true;
            case "tx":
                var rank = message.Status switch { "pending" => 0, "sealed" => 1, "posted" => 2, _ => 3 };
                if (rank <= _txRank)
                {
                    return false;
                }

                _txRank = rank;
                return true;
            case "address":
                var key = message.TxId + "/" + message.Status;
                if (!_seen.Add(key))
                {
                    return false;
                }

                _seenOrder.Enqueue(key);
                if (_seenOrder.Count > SeenCapacity)
                {
                    _seen.Remove(_seenOrder.Dequeue());
                }

                return true;
            default:
                return true;
        }
    }

    /// <summary>True when <paramref name="message"/> belongs to this subscription.</summary>
    public bool Matches(StreamEventDto message) => message.Type switch
    {
        "subscribed" => message.Topic == subscription.Topic,
        "header" => subscription.Topic == "headers",
        "tx" => subscription.Topic == "tx" && string.Equals(message.TxId, subscription.TxId, StringComparison.OrdinalIgnoreCase),
        "address" => subscription.Topic == "address" && message.Address == subscription.Address,
        _ => false,
    };
}
