using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Sockets;
using Fontana.AspNetCore;
using Fontana.AspNetCore.Settlement;
using Fontana.Core.Transactions;
using Fontana.Core.Errors;
using Fontana.Core;
using Fontana.Ledger;
using Fontana.Ledger.Genesis;
using Fontana.Node.Chain;
using Fontana.Node.X402;

namespace Fontana.Cli.Bench;

/// <summary>
/// What <c>fontana bench calls</c> measures against: one process on 127.0.0.1 hosting a node (SQLite, local DA) and a
/// provider with two identical endpoints, <c>/bench/free</c> and <c>/bench/paid</c> (0.001 TIA), settling in process
/// (same application) or remotely (a second application on its own port, through the node's facilitator over HTTP). Counts every <c>input-spent</c> the ledger rejects.
/// </summary>
internal sealed class CallsBenchmarkHost : IAsyncDisposable
{
    public const string ChainId = "fontana-bench";
    public static readonly Amount Price = Amount.FromUtia(1_000);
    public static readonly Amount MinFee = Amount.FromUtia(100);

    private readonly MeterListener _listener = new();
    private long _doubleSpends;

    private readonly WebApplication _node;
    private readonly WebApplication? _provider;

    private CallsBenchmarkHost(WebApplication node, WebApplication? provider, Uri nodeAddress, Uri providerAddress)
    {
        _node = node;
        _provider = provider;
        NodeAddress = nodeAddress;
        ProviderAddress = providerAddress;
    }

    /// <summary>The node's API (where the wallet's outputs live).</summary>
    public Uri NodeAddress { get; }

    /// <summary>Where <c>/bench/free</c> and <c>/bench/paid</c> are served.</summary>
    public Uri ProviderAddress { get; }

    public long DoubleSpends => Interlocked.Read(ref _doubleSpends);

    /// <summary>The provider's key: the payee of sessions (and its challenge key).</summary>
    public static Fontana.Core.Crypto.PrivateKey ProviderKey { get; } = Fontana.Core.Crypto.PrivateKey.Generate();

    /// <summary>The provider's session claimer (session mode only).</summary>
    public Fontana.AspNetCore.Sessions.ISessionClaims? Claimer => _node.Services.GetService<Fontana.AspNetCore.Sessions.ISessionClaims>();

    public static async Task<CallsBenchmarkHost> StartAsync(
        string dataDir, Address payer, Amount funds, SettlementMode settlement, CancellationToken cancellationToken, bool sessions = false, Amount macCredit = default,
        Fontana.Ledger.Storage.SqliteSynchronousMode ledgerSync = Fontana.Ledger.Storage.SqliteSynchronousMode.Full)
    {
        await ChainSetup.CreateAsync(dataDir, ChainId, [new GenesisAllocation(payer, funds)], TimeSpan.FromSeconds(6), MinFee, TimeProvider.System, cancellationToken);
        var payTo = new Address(Fontana.Core.Crypto.PrivateKey.Generate().PublicKey);
        CallsBenchmarkHost? host = null;

        // The node. In process mode the provider lives in the same application and settles on its ledger directly;
        // in remote mode the provider is a second application settling through the node's facilitator over HTTP.
        var nodeAddress = new Uri($"http://127.0.0.1:{FreePort()}/");
        var builder = NewBuilder(nodeAddress);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Fontana:DataDir"] = dataDir,
            ["Fontana:BlockInterval"] = "00:00:06",
            ["Fontana:Store:SqliteSynchronous"] = ledgerSync.ToString(),
        });
        // ILedger as a singleton view of the node's ledger: the node registers it transient, and a transient
        // IAsyncDisposable resolved per request is disposed with the request scope (which closes the ledger).
        builder.Services.AddSingleton<ILedger>(sp => sp.GetRequiredService<NodeLedger>().Ledger);
        builder.Services.AddFontanaNode(builder.Configuration);
        if (settlement == SettlementMode.InProcess)
        {
            builder.Services.AddSingleton<IPaymentLedger>(sp => new CountingLedger(new LedgerPaymentLedger(sp.GetRequiredService<ILedger>), () => host!));
            builder.Services.AddFontanaInProcessSettlement();
            AddProvider(builder, payTo, settlement, null);
            if (sessions)
            {
                builder.Services.AddFontanaSessions(o =>
                {
                    o.StorePath = Path.Combine(dataDir, "provider-sessions.db");
                    o.MacCreditUtia = macCredit.Utia;
                });
            }
        }

        var node = builder.Build();
        node.MapFontanaNode();
        if (settlement == SettlementMode.InProcess)
        {
            MapBenchEndpoints(node);
        }

        await node.StartAsync(cancellationToken);
        WebApplication? provider = null;
        var providerAddress = nodeAddress;
        if (settlement == SettlementMode.Remote)
        {
            providerAddress = new Uri($"http://127.0.0.1:{FreePort()}/");
            var providerBuilder = NewBuilder(providerAddress);
            AddProvider(providerBuilder, payTo, settlement, nodeAddress);
            provider = providerBuilder.Build();
            MapBenchEndpoints(provider);
            await provider.StartAsync(cancellationToken);
        }

        host = new CallsBenchmarkHost(node, provider, nodeAddress, providerAddress);
        host.CountNodeRejections();
        return host;
    }

    private static WebApplicationBuilder NewBuilder(Uri address)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(address.ToString().TrimEnd('/'));
        builder.Logging.ClearProviders();
        return builder;
    }

    private static void AddProvider(WebApplicationBuilder builder, Address payTo, SettlementMode settlement, Uri? nodeAddress) =>
        builder.Services.AddFontanaPayments(o =>
        {
            o.PayTo = payTo.ToString();
            o.ChainId = ChainId;
            o.Settlement = settlement;
            o.NodeUrl = nodeAddress?.ToString();
            o.ChallengeKey = ProviderKey;
        });

    private static void MapBenchEndpoints(WebApplication app)
    {
        app.MapGet("/bench/free", static () => Results.Text("ok"));
        app.MapGet("/bench/paid", static () => Results.Text("ok")).RequirePayment(Price);
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Dispose();
        if (_provider is not null)
        {
            await _provider.StopAsync();
            await _provider.DisposeAsync();
        }

        await _node.StopAsync();
        await _node.DisposeAsync();
    }

    private void CountNodeRejections()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == "Fontana.Node" && instrument.Name == "fontana_tx_rejections_total")
            {
                listener.EnableMeasurementEvents(instrument, this);
            }
        };
        _listener.SetMeasurementEventCallback<long>(static (_, value, tags, state) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Value is ErrorCodes.InputSpent)
                {
                    Interlocked.Add(ref ((CallsBenchmarkHost)state!)._doubleSpends, value);
                }
            }
        });
        _listener.Start();
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    /// <summary>Counts settlements the ledger refuses as double spends (in-process settlement bypasses the node API).</summary>
    private sealed class CountingLedger(IPaymentLedger inner, Func<CallsBenchmarkHost> host) : IPaymentLedger
    {
        public async Task<SettleOutcome> SubmitAsync(ReadOnlyMemory<byte> transaction, CancellationToken cancellationToken) =>
            Count(await inner.SubmitAsync(transaction, cancellationToken).ConfigureAwait(false));

        public async Task<SettleOutcome> SubmitDecodedAsync(Transaction transaction, ReadOnlyMemory<byte> encoded, CancellationToken cancellationToken) =>
            Count(await inner.SubmitDecodedAsync(transaction, encoded, cancellationToken).ConfigureAwait(false));

        private SettleOutcome Count(SettleOutcome outcome)
        {
            if (!outcome.Success && outcome.ErrorReason == ErrorCodes.InputSpent)
            {
                Interlocked.Increment(ref host()._doubleSpends);
            }

            return outcome;
        }
    }
}
