using System.Diagnostics.Metrics;
using Fontana.Core;
using Fontana.Core.Errors;
using Fontana.Sdk.Payments;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Fontana.Sdk.Networks;

/// <summary>
/// The SDK's client over one or several Fontana networks, keyed by x402 network id (<c>fontana:&lt;chainId&gt;</c>),
/// with a default. Each network has the wallet paying on it and its nodes (several nodes with failover). A paid call
/// (<see cref="CallPaidApiAsync(HttpRequestMessage, Amount?, CancellationToken)"/>, <see cref="CreateHandler"/>) picks,
/// from the 402's offers, one on a network this client holds funds on. <see cref="Wallet"/> reads balances, outputs and
/// payment history per network; <see cref="Receipts"/> gets and verifies receipts; <see cref="Subscriptions"/> streams
/// verified headers and statuses; <see cref="Settlement"/> moves money to and from L1 per network; <see cref="Marketplace"/>
/// reads providers' catalogs.
/// Configure from <c>Fontana:Networks:&lt;name&gt;:…</c> with <c>services.AddFontanaNetworks(configuration)</c>, or
/// build it from <see cref="FontanaNetworksOptions"/> in code. Thread-safe; one per process is meant to be shared.
/// </summary>
public sealed class FontanaNetworkClient : IDisposable
{
    /// <summary>The <see cref="IHttpClientFactory"/> client name the HTTP node transports use under DI.</summary>
    public const string HttpClientName = "Fontana.Networks.Node";

    private readonly FontanaNetwork[] _ordered;
    private readonly Dictionary<string, FontanaNetwork> _byId;
    private readonly Lazy<HttpClient> _http;
    private readonly Lazy<Marketplace.FontanaMarketplace> _marketplace;
    private int _disposed;

    /// <summary>Builds the networks of <paramref name="options"/>; throws <see cref="OptionsValidationException"/> listing
    /// every invalid key (<c>Fontana:Networks:&lt;name&gt;:…</c>) or the wallet file's own error.</summary>
    public FontanaNetworkClient(FontanaNetworksOptions options, TimeProvider? timeProvider = null, ILoggerFactory? loggerFactory = null, IMeterFactory? meterFactory = null)
        : this(options, timeProvider, loggerFactory, meterFactory, null)
    {
    }

    internal FontanaNetworkClient(
        FontanaNetworksOptions options, TimeProvider? timeProvider, ILoggerFactory? loggerFactory, IMeterFactory? meterFactory, IHttpClientFactory? httpClients)
    {
        ArgumentNullException.ThrowIfNull(options);
        var result = new FontanaNetworksOptionsValidator().Validate(Options.DefaultName, options);
        if (result.Failed)
        {
            throw new OptionsValidationException(Options.DefaultName, typeof(FontanaNetworksOptions), result.Failures);
        }

        var time = timeProvider ?? TimeProvider.System;
        var defaultLabel = options.DefaultNetwork is { } chosen ? FontanaNetworksOptionsValidator.FindLabel(options, chosen)! : options.Networks.Keys.First();
        var networks = new List<FontanaNetwork>(options.Networks.Count);
        try
        {
            // The default network first: it wins ties between equal offers.
            foreach (var (label, network) in options.Networks.OrderBy(n => string.Equals(n.Key, defaultLabel, StringComparison.OrdinalIgnoreCase) ? 0 : 1))
            {
                networks.Add(new FontanaNetwork(label, network, time, loggerFactory, meterFactory, httpClients));
            }
        }
        catch
        {
            networks.ForEach(n => n.Dispose());
            throw;
        }

        _ordered = [.. networks];
        _byId = _ordered.ToDictionary(n => n.Id, StringComparer.Ordinal);
        Wallet = new FontanaNetworkWallet(this);
        Settlement = new FontanaNetworkSettlement(this);
        Receipts = new FontanaNetworkReceipts(this);
        Subscriptions = new FontanaNetworkSubscriptions(this);
        _http = new Lazy<HttpClient>(() => new HttpClient(CreateHandler(new SocketsHttpHandler())));
        var marketplace = options.Marketplace ?? new Marketplace.MarketplaceOptions();
        _marketplace = new Lazy<Marketplace.FontanaMarketplace>(() => new Marketplace.FontanaMarketplace(null, marketplace));
    }

    /// <summary>The networks by x402 network id (<c>fontana:&lt;chainId&gt;</c>).</summary>
    public IReadOnlyDictionary<string, FontanaNetwork> Networks => _byId;

    /// <summary>The default network (<c>Fontana:DefaultNetwork</c>, or the only one).</summary>
    public FontanaNetwork DefaultNetwork => _ordered[0];

    /// <summary>Balances, outputs and payment history of the wallets, per network.</summary>
    public FontanaNetworkWallet Wallet { get; }

    /// <summary>Deposits from and withdrawals to L1 (the bridge), per network.</summary>
    public FontanaNetworkSettlement Settlement { get; }

    /// <summary>Receipts per network: get, verify offline against the network's chain and sequencer, wait for final.</summary>
    public FontanaNetworkReceipts Receipts { get; }

    /// <summary>Live verified headers, transaction statuses and address activity, per network.</summary>
    public FontanaNetworkSubscriptions Subscriptions { get; }

    /// <summary>Providers' catalogs: discovery documents and x402 discovery listings (resources, prices, schemes, networks),
    /// searchable; <c>Fontana:Marketplace</c> sets its limits.</summary>
    public Marketplace.FontanaMarketplace Marketplace => _marketplace.Value;

    /// <summary>The default network first, then configuration order.</summary>
    internal IReadOnlyList<FontanaNetwork> OrderedNetworks => _ordered;

    /// <summary>The network with id <paramref name="network"/> (<c>fontana:&lt;chainId&gt;</c>) or configuration name; the
    /// default network when null. Throws <see cref="FontanaPaymentException"/> <c>unknown-network</c> naming the networks held.</summary>
    public FontanaNetwork GetNetwork(string? network = null)
    {
        if (network is null)
        {
            return DefaultNetwork;
        }

        if (_byId.TryGetValue(network, out var byId))
        {
            return byId;
        }

        foreach (var candidate in _ordered)
        {
            if (string.Equals(candidate.Name, network, StringComparison.OrdinalIgnoreCase))
            {
                return candidate;
            }
        }

        throw new FontanaPaymentException(ErrorCodes.UnknownNetwork,
            $"{ErrorCodes.UnknownNetwork}: this client holds no network \"{network}\"; it holds {string.Join(", ", _ordered.Select(n => n.ToString()))}");
    }

    /// <summary>Checks every network's nodes (chain id) and loads every wallet's coins.</summary>
    public Task InitializeAsync(CancellationToken cancellationToken = default) =>
        Task.WhenAll(_ordered.Select(n => n.InitializeAsync(cancellationToken)));

    /// <summary>A handler paying 402s from the network picked per call, to put in an <see cref="HttpClient"/> pipeline
    /// (<paramref name="innerHandler"/> nearer the network). <c>request.SetFontanaMaxPrice(A)</c> caps one request;
    /// otherwise each network's <c>MaxPricePerCall</c> applies.</summary>
    public DelegatingHandler CreateHandler(HttpMessageHandler? innerHandler = null)
    {
        var handler = new NetworkPaymentHandler(this);
        if (innerHandler is not null)
        {
            handler.InnerHandler = innerHandler;
        }

        return handler;
    }

    /// <summary>One paid call through a shared <see cref="HttpClient"/>: answers a 402 by paying on a network this client
    /// holds funds on (at most <paramref name="maxPrice"/>, default the network's limit) and returns the response with
    /// its receipt (<c>response.GetFontanaReceipt()</c>).</summary>
    public Task<HttpResponseMessage> CallPaidApiAsync(HttpRequestMessage request, Amount? maxPrice = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (maxPrice is { } limit)
        {
            request.SetFontanaMaxPrice(limit);
        }

        return _http.Value.SendAsync(request, cancellationToken);
    }

    /// <summary>One paid call to <paramref name="url"/> (GET unless <paramref name="method"/> says otherwise).</summary>
    public Task<HttpResponseMessage> CallPaidApiAsync(
        Uri url, HttpMethod? method = null, HttpContent? content = null, Amount? maxPrice = null, CancellationToken cancellationToken = default) =>
        CallPaidApiAsync(new HttpRequestMessage(method ?? HttpMethod.Get, url) { Content = content }, maxPrice, cancellationToken);

    /// <summary>Stops every network's payer and closes its node connections.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        if (_http.IsValueCreated)
        {
            _http.Value.Dispose();
        }

        if (_marketplace.IsValueCreated)
        {
            _marketplace.Value.Dispose();
        }

        foreach (var network in _ordered)
        {
            network.Dispose();
        }
    }
}
