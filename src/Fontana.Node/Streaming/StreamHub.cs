using System.Collections.Concurrent;
using System.Text.Json;
using Fontana.Core;
using Fontana.Core.Api;
using Fontana.Node.Diagnostics;
using Fontana.Node.Options;
using Microsoft.Extensions.Options;

namespace Fontana.Node.Streaming;

/// <summary>
/// Fan-out of node events to <c>/v1/stream</c> clients. Publishing never blocks: each message is serialized once
/// and offered to the subscribers' bounded outboxes. Subscription changes are rare and take a lock; publishing
/// reads copy-on-write arrays without one.
/// </summary>
public sealed class StreamHub
{
    private readonly object _gate = new();
    private readonly ConcurrentDictionary<Hash32, StreamConnection[]> _byTx = new();
    private readonly ConcurrentDictionary<Address, StreamConnection[]> _byAddress = new();
    private readonly NodeMetrics _metrics;
    private StreamConnection[] _headers = [];
    private StreamConnection[] _bridge = [];
    private long _nextId;
    private int _connections;

    /// <summary>The hub of <c>/v1/stream</c> connections, limited by <c>Fontana:Stream</c> options; connections are counted in <paramref name="metrics"/>.</summary>
    public StreamHub(IOptions<FontanaNodeOptions> options, NodeMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options.Value.Stream;
        _metrics = metrics ?? throw new ArgumentNullException(nameof(metrics));
    }

    internal StreamOptions Options { get; }

    /// <summary>Open connections.</summary>
    public int ConnectionCount => Volatile.Read(ref _connections);

    /// <summary>A new block header.</summary>
    public void PublishHeader(HeaderDto header)
    {
        var subscribers = Volatile.Read(ref _headers);
        if (subscribers.Length == 0)
        {
            return;
        }

        var bytes = Serialize(new StreamEventDto("header", Topic: StreamTopics.Headers, Header: header));
        foreach (var connection in subscribers)
        {
            connection.TryEnqueueHeader(bytes, header.Height);
        }
    }

    /// <summary>A txid's status changed (<c>pending</c>, <c>sealed</c>, <c>posted</c>). A subscriber sees each status
    /// once and in that order: one that comes after a later one is dropped, and one that finds earlier ones unsent
    /// sends them first (a <c>sealed</c> event that beats the accepting thread's <c>pending</c> goes out as
    /// <c>pending</c>, <c>sealed</c>).</summary>
    public void PublishTxStatus(Hash32 txId, string status, ulong? blockHeight = null, string? blockHash = null, string? daReference = null)
    {
        if (_byTx.IsEmpty || !_byTx.TryGetValue(txId, out var subscribers))
        {
            return;
        }

        var events = new byte[]?[(int)TxStage.Posted + 1];
        byte[] EventOf(TxStage stage) => events[(int)stage] ??= Serialize(new StreamEventDto("tx", StreamTopics.Tx, txId.ToString(),
            Status: TxStages.Name(stage),
            BlockHeight: stage >= TxStage.Sealed ? blockHeight : null,
            BlockHash: stage >= TxStage.Sealed ? blockHash : null,
            DaReference: stage >= TxStage.Posted ? daReference : null));

        var target = TxStages.Parse(status);
        foreach (var connection in subscribers)
        {
            connection.EnqueueTxStatus(txId, target, EventOf, fillGaps: true);
        }
    }

    /// <summary>Sends a new subscriber the transaction's status read at subscription time, unless a live event
    /// already told it this status or a later one.</summary>
    internal static void SendCurrentTxStatus(StreamConnection connection, Hash32 txId, StreamEventDto current) =>
        connection.EnqueueTxStatus(txId, TxStages.Parse(current.Status!), _ => Serialize(current), fillGaps: false);

    /// <summary>A transaction touching <paramref name="address"/> (as signer or as recipient) changed status.</summary>
    public void PublishAddressActivity(Address address, Hash32 txId, string status, ulong? blockHeight = null)
    {
        if (_byAddress.IsEmpty || !_byAddress.TryGetValue(address, out var subscribers))
        {
            return;
        }

        Offer(subscribers, new StreamEventDto("address", StreamTopics.Address, txId.ToString(), address.ToString(), status, blockHeight));
    }

    /// <summary>A deposit's status changed (seen with n confirmations, minted, unclaimed): an event <c>deposit</c> to the
    /// <c>bridge</c> subscribers and to the <c>address</c> subscribers of <paramref name="depositor"/> (the memo's address).</summary>
    public void PublishDeposit(DepositStatusDto deposit, Address? depositor)
    {
        ArgumentNullException.ThrowIfNull(deposit);
        var message = new StreamEventDto("deposit", StreamTopics.Bridge, deposit.MintTxId, depositor?.ToString(), deposit.Status, Deposit: deposit);
        Offer(Volatile.Read(ref _bridge), message);
        if (depositor is { } address && !_byAddress.IsEmpty && _byAddress.TryGetValue(address, out var subscribers))
        {
            Offer(subscribers, message with { Topic = StreamTopics.Address });
        }
    }

    /// <summary>A withdrawal's payout status changed (pending, paying, paid, confirmed, failed): an event <c>withdrawal</c>
    /// to the <c>bridge</c> subscribers and to the <c>tx</c> subscribers of the withdrawal's txid.</summary>
    public void PublishWithdrawal(Hash32 txId, WithdrawalStatusDto withdrawal)
    {
        ArgumentNullException.ThrowIfNull(withdrawal);
        var message = new StreamEventDto("withdrawal", StreamTopics.Bridge, withdrawal.TxId, Status: withdrawal.Status, Withdrawal: withdrawal);
        Offer(Volatile.Read(ref _bridge), message);
        if (!_byTx.IsEmpty && _byTx.TryGetValue(txId, out var subscribers))
        {
            Offer(subscribers, message with { Topic = StreamTopics.Tx });
        }
    }

    /// <summary>True when anyone listens to an address.</summary>
    public bool HasAddressSubscribers => !_byAddress.IsEmpty;

    /// <summary>True when anyone listens to transactions or addresses (publishers may skip work otherwise).</summary>
    public bool HasTxOrAddressSubscribers => !_byTx.IsEmpty || !_byAddress.IsEmpty;

    internal StreamConnection? TryConnect()
    {
        if (Interlocked.Increment(ref _connections) > Options.MaxConnections)
        {
            Interlocked.Decrement(ref _connections);
            return null;
        }

        _metrics.StreamConnected();
        return new StreamConnection(Interlocked.Increment(ref _nextId), Options.ConnectionBufferCapacity);
    }

    internal void Disconnect(StreamConnection connection)
    {
        lock (_gate)
        {
            if (connection.Headers)
            {
                _headers = Without(_headers, connection);
            }

            if (connection.Bridge)
            {
                _bridge = Without(_bridge, connection);
            }

            foreach (var txId in connection.TxIds)
            {
                Remove(_byTx, txId, connection);
            }

            foreach (var address in connection.Addresses)
            {
                Remove(_byAddress, address, connection);
            }

            connection.Headers = false;
            connection.Bridge = false;
            connection.TxIds.Clear();
            connection.Addresses.Clear();
        }

        if (connection.Overflowed)
        {
            _metrics.StreamClientDropped();
        }

        _metrics.StreamDisconnected();
        Interlocked.Decrement(ref _connections);
    }

    /// <summary>Adds a subscription. False when the connection holds too many.</summary>
    internal bool Subscribe(StreamConnection connection, StreamSubscription subscription)
    {
        lock (_gate)
        {
            if (connection.SubscriptionCount >= Options.MaxSubscriptionsPerConnection)
            {
                return false;
            }

            switch (subscription.Topic)
            {
                case StreamTopics.Headers when !connection.Headers:
                    connection.Headers = true;
                    _headers = [.. _headers, connection];
                    break;
                case StreamTopics.Bridge when !connection.Bridge:
                    connection.Bridge = true;
                    _bridge = [.. _bridge, connection];
                    break;
                case StreamTopics.Tx when connection.TxIds.Add(subscription.TxId):
                    _byTx.AddOrUpdate(subscription.TxId, [connection], (_, old) => [.. old, connection]);
                    break;
                case StreamTopics.Address when connection.Addresses.Add(subscription.Address):
                    _byAddress.AddOrUpdate(subscription.Address, [connection], (_, old) => [.. old, connection]);
                    break;
            }

            return true;
        }
    }

    internal void Unsubscribe(StreamConnection connection, StreamSubscription subscription)
    {
        lock (_gate)
        {
            switch (subscription.Topic)
            {
                case StreamTopics.Headers when connection.Headers:
                    connection.Headers = false;
                    _headers = Without(_headers, connection);
                    break;
                case StreamTopics.Bridge when connection.Bridge:
                    connection.Bridge = false;
                    _bridge = Without(_bridge, connection);
                    break;
                case StreamTopics.Tx when connection.TxIds.Remove(subscription.TxId):
                    Remove(_byTx, subscription.TxId, connection);
                    connection.ForgetTx(subscription.TxId);
                    break;
                case StreamTopics.Address when connection.Addresses.Remove(subscription.Address):
                    Remove(_byAddress, subscription.Address, connection);
                    break;
            }
        }
    }

    internal static byte[] Serialize(StreamEventDto message) =>
        JsonSerializer.SerializeToUtf8Bytes(message, ApiJsonContext.Default.StreamEventDto);

    private static void Offer(StreamConnection[] subscribers, StreamEventDto message)
    {
        if (subscribers.Length == 0)
        {
            return;
        }

        var bytes = Serialize(message);
        foreach (var connection in subscribers)
        {
            connection.TryEnqueue(bytes);
        }
    }

    private static void Remove<TKey>(ConcurrentDictionary<TKey, StreamConnection[]> index, TKey key, StreamConnection connection)
        where TKey : notnull
    {
        if (!index.TryGetValue(key, out var old))
        {
            return;
        }

        var updated = Without(old, connection);
        if (updated.Length == 0)
        {
            index.TryRemove(key, out _);
        }
        else
        {
            index[key] = updated;
        }
    }

    private static StreamConnection[] Without(StreamConnection[] connections, StreamConnection connection) =>
        Array.FindAll(connections, c => !ReferenceEquals(c, connection));
}
