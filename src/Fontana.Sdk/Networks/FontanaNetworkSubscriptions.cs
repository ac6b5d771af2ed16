using Fontana.Core;
using Fontana.Core.Blocks;
using Fontana.Sdk.Subscriptions;

namespace Fontana.Sdk.Networks;

/// <summary>
/// <c>client.Subscriptions</c>: live streams of each network of a <see cref="FontanaNetworkClient"/>, through the
/// network's nodes (a dropped stream resumes on the next healthy node, from the last height): verified headers, a
/// transaction's status, an address's activity. Every method takes the network's id or configuration name, or uses the
/// default network when it is null. Enumerate with a <see cref="CancellationToken"/> to stop.
/// </summary>
public sealed class FontanaNetworkSubscriptions
{
    private readonly FontanaNetworkClient _client;

    internal FontanaNetworkSubscriptions(FontanaNetworkClient client) => _client = client;

    /// <summary>The subscriptions client of the network, for anything this view does not wrap.</summary>
    public FontanaSubscriptions For(string? network = null) => _client.GetNetwork(network).Subscriptions;

    /// <summary>Verified block headers of the network, each the child of the one before (see
    /// <see cref="FontanaSubscriptions.HeadersAsync"/>).</summary>
    /// <exception cref="SubscriptionException"><c>header-bad-signature</c> or <c>header-chain-broken</c>.</exception>
    public IAsyncEnumerable<BlockHeader> HeadersAsync(ulong? fromHeight = null, string? network = null, CancellationToken cancellationToken = default) =>
        For(network).HeadersAsync(fromHeight, cancellationToken);

    /// <summary>The status of <paramref name="txId"/> on the network as it moves, ending after <c>posted</c>.</summary>
    public IAsyncEnumerable<TransactionStatusUpdate> TransactionAsync(Hash32 txId, string? network = null, CancellationToken cancellationToken = default) =>
        For(network).TransactionAsync(txId, cancellationToken);

    /// <summary>Transactions touching <paramref name="address"/> on the network (the network's own wallet when null), from
    /// now on. <paramref name="onSubscribed"/>, when given, is called each time the node confirms the subscription (its
    /// <c>subscribed</c> event: at the start and again after a reconnect) while the stream is enumerated: activity from that
    /// moment on is delivered, so a caller can wait for it (e.g. before paying, to see its own payment).</summary>
    public IAsyncEnumerable<AddressActivity> AddressAsync(
        Address? address = null, string? network = null, Action? onSubscribed = null, CancellationToken cancellationToken = default)
    {
        var target = _client.GetNetwork(network);
        return target.Subscriptions.AddressAsync(address ?? target.Address, onSubscribed, cancellationToken);
    }
}
