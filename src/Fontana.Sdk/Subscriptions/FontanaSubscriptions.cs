using System.Runtime.CompilerServices;
using Fontana.Core;
using Fontana.Core.Api;
using Fontana.Core.Blocks;
using Fontana.Sdk.Internal;

namespace Fontana.Sdk.Subscriptions;

/// <summary>
/// Live streams from a node as <see cref="IAsyncEnumerable{T}"/>: new block headers verified like a light client
/// (sequencer signature against a <see cref="ChainTrust"/>, parent-hash chain from a verified anchor), a transaction's
/// status, and an address's activity. Built on the transport's <c>/v1/stream</c> subscriptions: a dropped connection is
/// reconnected with backoff and resubscribed, headers resumed from the last height (no header lost or repeated).
/// Enumerate with a <see cref="CancellationToken"/> to stop.
/// </summary>
public sealed class FontanaSubscriptions
{
    private readonly FontanaClient _client;
    private readonly LazyChainTrust _trust;

    /// <summary>Subscriptions through <paramref name="client"/>'s transport, headers checked against <paramref name="trust"/>
    /// (or the node's genesis, read on first need, when null).</summary>
    public FontanaSubscriptions(FontanaClient client, ChainTrust? trust = null)
    {
        _client = client ?? throw new ArgumentNullException(nameof(client));
        _trust = new LazyChainTrust(_client, trust);
    }

    internal FontanaSubscriptions(FontanaClient client, LazyChainTrust trust)
    {
        _client = client;
        _trust = trust;
    }

    /// <summary>The chain id and sequencer key headers are checked against.</summary>
    public Task<ChainTrust> GetTrustAsync(CancellationToken cancellationToken = default) => _trust.GetAsync(cancellationToken);

    /// <summary>
    /// Verified block headers, in order, each the child of the one before. Without <paramref name="fromHeight"/> the
    /// stream starts after the node's current tip (itself verified as the anchor); with it, at that height (the header
    /// before it is read and verified as the anchor; at most 10,000 behind the tip).
    /// </summary>
    /// <exception cref="SubscriptionException"><c>header-bad-signature</c> or <c>header-chain-broken</c>: the stream ends there.</exception>
    /// <exception cref="FontanaApiException">The node refused the subscription (its code) or could not be reached at the start.</exception>
    public async IAsyncEnumerable<BlockHeader> HeadersAsync(ulong? fromHeight = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var trust = await GetTrustAsync(cancellationToken).ConfigureAwait(false);
        BlockHeader? anchor = null;
        ulong start = 0;
        if (fromHeight is null)
        {
            anchor = HeaderChainVerifier.VerifySigned(await _client.GetTipHeaderAsync(cancellationToken).ConfigureAwait(false), trust);
            start = anchor.Height + 1;
        }
        else if (fromHeight > 0)
        {
            anchor = HeaderChainVerifier.VerifySigned(await _client.GetHeaderAsync(fromHeight.Value - 1, cancellationToken).ConfigureAwait(false), trust);
            start = fromHeight.Value;
        }

        var verifier = new HeaderChainVerifier(trust, anchor);
        var subscription = new StreamRequestDto("subscribe", "headers", FromHeight: start);
        await foreach (var message in _client.Transport.StreamAsync(subscription, cancellationToken).ConfigureAwait(false))
        {
            if (message.Type == "header" && message.Header is { } header)
            {
                yield return verifier.Accept(header);
            }
        }
    }

    /// <summary>
    /// The status of <paramref name="txId"/> as it moves: its current status first (when the node knows it), then
    /// each change, ending after <c>posted</c>. A transaction the node does not know yet is waited for.
    /// </summary>
    public async IAsyncEnumerable<TransactionStatusUpdate> TransactionAsync(Hash32 txId, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var subscription = new StreamRequestDto("subscribe", "tx", TxId: txId.ToString());
        await foreach (var message in _client.Transport.StreamAsync(subscription, cancellationToken).ConfigureAwait(false))
        {
            if (message.Type == "tx" && message.Status is { } status)
            {
                var update = new TransactionStatusUpdate(txId, status, message.BlockHeight, message.BlockHash, message.DaReference);
                yield return update;
                if (update.IsFinal)
                {
                    yield break;
                }
            }
        }
    }

    /// <summary>Transactions touching <paramref name="address"/> (signer or recipient) as their status changes, from now on.</summary>
    public IAsyncEnumerable<AddressActivity> AddressAsync(Address address, CancellationToken cancellationToken = default) =>
        AddressAsync(address, onSubscribed: null, cancellationToken);

    /// <summary>
    /// As <see cref="AddressAsync(Address, CancellationToken)"/>, calling <paramref name="onSubscribed"/> each time the
    /// node confirms the subscription (its <c>subscribed</c> event: at the start, and again after a reconnect), while the
    /// stream is being enumerated: activity from that moment on is delivered. "From now on" thus has a moment a caller
    /// can wait for (e.g. before paying, to see its own payment) instead of guessing. Public through
    /// <see cref="Networks.FontanaNetworkSubscriptions.AddressAsync"/>.
    /// </summary>
    internal async IAsyncEnumerable<AddressActivity> AddressAsync(
        Address address, Action? onSubscribed, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var subscription = new StreamRequestDto("subscribe", "address", Address: address.ToString());
        await foreach (var message in _client.Transport.StreamAsync(subscription, cancellationToken).ConfigureAwait(false))
        {
            if (message.Type == "subscribed")
            {
                onSubscribed?.Invoke();
            }
            else if (message.Type == "address" && message.Status is { } status && Hash32.TryParse(message.TxId, out var txId))
            {
                yield return new AddressActivity(address, txId, status, message.BlockHeight);
            }
        }
    }
}
