using System.Net.WebSockets;
using System.Threading.Channels;
using Fontana.Core;

namespace Fontana.Node.Streaming;

/// <summary>
/// One <c>/v1/stream</c> client: a bounded outbox (publishers never wait: when it is full the message is dropped
/// and the client is closed with 1008 policy violation) and the set of its subscriptions.
/// </summary>
internal sealed class StreamConnection : IDisposable
{
    private readonly Channel<byte[]> _outbox;
    private readonly CancellationTokenSource _dropped = new();
    private readonly Lock _replayGate = new();
    private readonly Dictionary<Hash32, TxStage> _txStages = [];
    private List<(ulong Height, byte[] Message)>? _heldHeaders;
    private int _overflowed;

    public StreamConnection(long id, int capacity)
    {
        Id = id;
        _outbox = Channel.CreateBounded<byte[]>(
            new BoundedChannelOptions(capacity) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true },
            _ => OnOverflow());
    }

    public long Id { get; }

    /// <summary>Guarded by the hub's lock.</summary>
    public bool Headers { get; set; }

    /// <summary>Guarded by the hub's lock.</summary>
    public HashSet<Hash32> TxIds { get; } = [];

    /// <summary>Guarded by the hub's lock.</summary>
    public HashSet<Address> Addresses { get; } = [];

    /// <summary>Subscribed to every bridge status change (topic <c>bridge</c>).</summary>
    public bool Bridge { get; set; }

    public int SubscriptionCount => (Headers ? 1 : 0) + (Bridge ? 1 : 0) + TxIds.Count + Addresses.Count;

    /// <summary>True once the outbox overflowed: the client is being closed.</summary>
    public bool Overflowed => Volatile.Read(ref _overflowed) == 1;

    /// <summary>Cancelled a short while after an overflow, to abort a send stuck on a client that reads nothing.</summary>
    public CancellationToken DroppedToken => _dropped.Token;

    public ChannelReader<byte[]> Outbox => _outbox.Reader;

    /// <summary>Queues a message without waiting. False when the client is already being dropped.</summary>
    public bool TryEnqueue(byte[] message) => !Overflowed && _outbox.Writer.TryWrite(message) && !Overflowed;

    /// <summary>
    /// Moves this subscriber's view of <paramref name="txId"/> forward to <paramref name="stage"/> and queues what it has
    /// not seen: with <paramref name="fillGaps"/>, the event of every stage after the last one sent up to
    /// <paramref name="stage"/> (<paramref name="eventOf"/> makes each), otherwise only <paramref name="stage"/>'s. Nothing
    /// is queued when the subscriber already has this stage or a later one. So each stage arrives once and in order
    /// (pending → sealed → posted) whichever publisher runs first: the API thread that accepted the transaction can
    /// lose the race against the block that seals it.
    /// </summary>
    public void EnqueueTxStatus(Hash32 txId, TxStage stage, Func<TxStage, byte[]> eventOf, bool fillGaps)
    {
        lock (_txStages)
        {
            var seen = _txStages.GetValueOrDefault(txId);
            if (stage <= seen)
            {
                return;
            }

            _txStages[txId] = stage;
            for (var next = fillGaps ? seen + 1 : stage; next <= stage; next++)
            {
                TryEnqueue(eventOf(next));
            }
        }
    }

    /// <summary>Forgets the stage sent for <paramref name="txId"/> (its subscription ended).</summary>
    public void ForgetTx(Hash32 txId)
    {
        lock (_txStages)
        {
            _txStages.Remove(txId);
        }
    }

    /// <summary>Queues a live header, or holds it while a resumed subscription replays older headers.</summary>
    public bool TryEnqueueHeader(byte[] message, ulong height)
    {
        lock (_replayGate)
        {
            if (_heldHeaders is not null)
            {
                _heldHeaders.Add((height, message));
                return true;
            }
        }

        return TryEnqueue(message);
    }

    /// <summary>Live headers are held from now until <see cref="EndHeaderReplay"/>.</summary>
    public void BeginHeaderReplay()
    {
        lock (_replayGate)
        {
            _heldHeaders ??= [];
        }
    }

    /// <summary>Releases the held live headers above <paramref name="lastReplayed"/> (the replay sent the rest), in order.</summary>
    public void EndHeaderReplay(ulong? lastReplayed)
    {
        lock (_replayGate)
        {
            if (_heldHeaders is null)
            {
                return;
            }

            foreach (var (height, message) in _heldHeaders)
            {
                if (lastReplayed is not { } last || height > last)
                {
                    TryEnqueue(message);
                }
            }

            _heldHeaders = null;
        }
    }

    /// <summary>Ends the outbox (the sender drains it and closes normally).</summary>
    public void Complete() => _outbox.Writer.TryComplete();

    public void Dispose() => _dropped.Dispose();

    private void OnOverflow()
    {
        if (Interlocked.Exchange(ref _overflowed, 1) == 1)
        {
            return;
        }

        _outbox.Writer.TryComplete();
        try
        {
            _dropped.CancelAfter(TimeSpan.FromSeconds(2));
        }
        catch (ObjectDisposedException)
        {
            // Already gone.
        }
    }

    /// <summary>Close status used for a client whose buffer overflowed.</summary>
    public const WebSocketCloseStatus SlowClientStatus = WebSocketCloseStatus.PolicyViolation;
}
