using System.Diagnostics.Metrics;
using Fontana.Core;
using Fontana.Core.Errors;
using Fontana.Core.Crypto;
using Fontana.Sdk.Internal;
using Fontana.Sdk.Payments;
using Fontana.Sdk.Receipts;
using Fontana.Sdk.Subscriptions;
using Fontana.Sdk.Transports;
using Microsoft.Extensions.Logging;

namespace Fontana.Sdk.Networks;

/// <summary>
/// One network held by a <see cref="FontanaNetworkClient"/>: its x402 network id (<c>fontana:&lt;chainId&gt;</c>), its
/// nodes behind one <see cref="FailoverNodeTransport"/> (<see cref="Node"/>), and the wallet paying on it
/// (<see cref="Payer"/>). Owned and disposed by the client.
/// </summary>
public sealed class FontanaNetwork : IDisposable
{
    private readonly Lock _gate = new();
    private Task? _verified;

    internal FontanaNetwork(
        string name, FontanaNetworkOptions options, TimeProvider time, ILoggerFactory? loggers, IMeterFactory? meters, IHttpClientFactory? httpClients)
    {
        Name = name;
        ChainId = options.ChainId;
        Id = NetworkIdOf(options.ChainId);
        MaxPricePerCall = Amount.Parse(options.MaxPricePerCall);
        Failover = new FailoverNodeTransport(
            [.. options.Nodes.Select(n => new WeightedNodeTransport(CreateTransport(options.Transport, new Uri(n.Url), time, httpClients), n.Weight))],
            options.Failover, time);
        Node = new FontanaClient(Failover, ownsTransport: true);
        var payer = new FontanaPayerOptions
        {
            NodeUrl = new Uri(options.Nodes[0].Url),
            SigningKey = options.SigningKey,
            WalletPath = options.SigningKey is null ? options.WalletPath : null,
            WalletPassphrase = options.WalletPassphrase,
            MaxPricePerCall = MaxPricePerCall,
        };
        options.ConfigurePayer?.Invoke(payer);
        payer.MaxPricePerCall = MaxPricePerCall;
        var pinned = options.SequencerPublicKey is { } key ? new ChainTrust(ChainId, PublicKey.Parse(key)) : null;
        var trust = new LazyChainTrust(Node, pinned, ChainId);
        Receipts = new FontanaReceipts(Node, trust);
        Subscriptions = new FontanaSubscriptions(Node, trust);
        try
        {
            Payer = new FontanaPayer(Node, payer, time, loggers, meters);
        }
        catch
        {
            Node.Dispose();
            throw;
        }
    }

    /// <summary>The network's name in configuration (<c>Fontana:Networks:&lt;name&gt;</c>).</summary>
    public string Name { get; }

    /// <summary>The x402 network id, <c>fontana:&lt;chainId&gt;</c>: what 402 offers name.</summary>
    public string Id { get; }

    /// <summary>The chain id.</summary>
    public string ChainId { get; }

    /// <summary>The address of the wallet paying on this network.</summary>
    public Address Address => Payer.Address;

    /// <summary>Most a single call on this network may cost (fee excluded).</summary>
    public Amount MaxPricePerCall { get; }

    /// <summary>The network's nodes, with their health and circuit state.</summary>
    public FailoverNodeTransport Failover { get; }

    /// <summary>The node API of this network, through <see cref="Failover"/>.</summary>
    public FontanaClient Node { get; }

    /// <summary>The wallet paying on this network (its coins, locks, splits, receipts).</summary>
    public FontanaPayer Payer { get; }

    /// <summary>Receipts of this network: get, verify offline, wait for final; checked against its chain and sequencer
    /// (<see cref="FontanaNetworkOptions.SequencerPublicKey"/>, or the genesis of a node serving <see cref="ChainId"/>).</summary>
    public FontanaReceipts Receipts { get; }

    /// <summary>Live verified headers, transaction statuses and address activity of this network, through its nodes
    /// (a stream that drops resumes on the next healthy node).</summary>
    public FontanaSubscriptions Subscriptions { get; }

    /// <summary>The x402 network id of <paramref name="chainId"/>: <c>fontana:&lt;chainId&gt;</c>.</summary>
    public static string NetworkIdOf(string chainId) => "fontana:" + chainId;

    /// <inheritdoc/>
    public override string ToString() => $"{Name} ({Id})";

    /// <summary>Checks once that the nodes serve <see cref="ChainId"/> (<c>network-mismatch</c> otherwise) and loads the
    /// wallet's coins; later calls return at once.</summary>
    public Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (_verified is null || _verified.IsFaulted || _verified.IsCanceled)
            {
                _verified = VerifyAsync();
            }

            return _verified.IsCompletedSuccessfully ? Task.CompletedTask : _verified.WaitAsync(cancellationToken);
        }
    }

    /// <summary>Stops the payer and closes the node connections.</summary>
    public void Dispose()
    {
        Payer.Dispose();
        Node.Dispose();
    }

    private async Task VerifyAsync()
    {
        var info = await Node.GetInfoAsync().ConfigureAwait(false);
        if (info.ChainId != ChainId)
        {
            throw new FontanaApiException(ErrorCodes.NetworkMismatch, 0,
                $"{ErrorCodes.NetworkMismatch}: network \"{Name}\" is configured for chain {ChainId}, but its node {Failover.Name} serves chain {info.ChainId}");
        }

        await Payer.InitializeAsync().ConfigureAwait(false);
    }

    private static INodeTransport CreateTransport(NodeTransportKind kind, Uri url, TimeProvider time, IHttpClientFactory? httpClients) => kind switch
    {
        NodeTransportKind.WebSocket => new WebSocketNodeTransport(url, timeProvider: time),
        _ when httpClients is not null => new HttpNodeTransport(httpClients, FontanaNetworkClient.HttpClientName, url, time),
        _ => new HttpNodeTransport(url, time),
    };
}
