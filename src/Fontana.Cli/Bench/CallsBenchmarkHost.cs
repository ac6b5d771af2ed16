using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Sockets;
using Fontana.AspNetCore;
using Fontana.AspNetCore.Settlement;
using Fontana.Core;
using Fontana.Ledger;
using Fontana.Ledger.Genesis;
using Fontana.Node.Api;
using Fontana.Node.Chain;
using Fontana.Node.DependencyInjection;
using Fontana.Node.X402;

namespace Fontana.Cli.Bench;

/// <summary>
/// What <c>fontana bench calls</c> measures against: one process on 127.0.0.1 hosting a node (SQLite, local DA) and a
/// provider with two identical endpoints, <c>/bench/free</c> and <c>/bench/paid</c> (0.001 TIA), settling in process or
/// through the node's facilitator over HTTP. Counts every <c>input-spent</c> the ledger rejects.
/// </summary>
internal sealed class CallsBenchmarkHost : IAsyncDisposable
{
    public const string ChainId = "fontana-bench";
    public static readonly Amount Price = Amount.FromUtia(1_000);
    public static readonly Amount MinFee = Amount.FromUtia(100);

    private readonly MeterListener _listener = new();
    private long _doubleSpends;

    private CallsBenchmarkHost(WebApplication app, Uri baseAddress)
    {
        App = app;
        BaseAddress = baseAddress;
    }

    public WebApplication App { get; }

    public Uri BaseAddress { get; }

    public long DoubleSpends => Interlocked.Read(ref _doubleSpends);

    public static async Task<CallsBenchmarkHost> StartAsync(string dataDir, Address payer, Amount funds, SettlementMode settlement, CancellationToken cancellationToken)
    {
        await ChainSetup.CreateAsync(dataDir, ChainId, [new GenesisAllocation(payer, funds)], TimeSpan.FromSeconds(6), MinFee, TimeProvider.System, cancellationToken);
        var port = FreePort();
        var baseAddress = new Uri($"http://127.0.0.1:{port}/");
        var payTo = new Address(Fontana.Core.Crypto.PrivateKey.Generate().PublicKey);
        CallsBenchmarkHost? host = null;

        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(baseAddress.ToString().TrimEnd('/'));
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Fontana:DataDir"] = dataDir,
            ["Fontana:BlockInterval"] = "00:00:06",
        });
        builder.Services.AddFontanaNode(builder.Configuration);
        builder.Services.AddSingleton<IPaymentLedger>(sp => new CountingLedger(new LedgerPaymentLedger(sp.GetRequiredService<ILedger>), () => host!));
        builder.Services.AddFontanaInProcessSettlement();
        builder.Services.AddFontanaPayments(o =>
        {
            o.PayTo = payTo.ToString();
            o.ChainId = ChainId;
            o.Settlement = settlement;
            if (settlement == SettlementMode.Remote)
            {
                o.NodeUrl = baseAddress.ToString();
            }
        });

        var app = builder.Build();
        app.MapFontanaNode();
        app.MapGet("/bench/free", static () => Results.Text("ok"));
        app.MapGet("/bench/paid", static () => Results.Text("ok")).RequirePayment(Price);
        await app.StartAsync(cancellationToken);
        host = new CallsBenchmarkHost(app, baseAddress);
        host.CountNodeRejections();
        return host;
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
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
                if (tag.Value is "input-spent")
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
        public async Task<SettleOutcome> SubmitAsync(ReadOnlyMemory<byte> transaction, CancellationToken cancellationToken)
        {
            var outcome = await inner.SubmitAsync(transaction, cancellationToken).ConfigureAwait(false);
            if (!outcome.Success && outcome.ErrorReason == "input-spent")
            {
                Interlocked.Increment(ref host()._doubleSpends);
            }

            return outcome;
        }
    }
}
