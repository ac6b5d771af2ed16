using System.Diagnostics.Metrics;
using Fontana.AspNetCore.Settlement;
using Fontana.Core.Transactions;
using Fontana.Core;
using Fontana.Core.Crypto;
using Fontana.Ledger;
using Fontana.Ledger.Genesis;
using Fontana.Node.Chain;
using Fontana.Node.X402;
using Fontana.Sdk.Payments;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Fontana.Sdk.Tests.Support;

/// <summary>
/// The real thing for integration tests: a Fontana node (SQLite ledger, local DA) and a Fontana.AspNetCore provider
/// settling in process, in one process on real Kestrel at 127.0.0.1. <c>/paid</c> costs <see cref="Price"/>.
/// Rejected input-spent settlements are counted at the ledger boundary (payments and node API alike).
/// </summary>
internal sealed class LiveChain : IAsyncDisposable
{
    public const string ChainId = "fontana-sdk-it";
    public static readonly Amount Price = Amount.FromUtia(1_000);
    public static readonly Amount MinFee = Amount.FromUtia(100);

    private readonly string _directory;
    private readonly MeterListener _listener = new();
    private long _inputSpentRejections;

    private LiveChain(string directory, string chainId)
    {
        _directory = directory;
        Id = chainId;
    }

    /// <summary>This chain's id (<see cref="ChainId"/> unless another was asked for).</summary>
    public string Id { get; }

    /// <summary>This chain's x402 network id.</summary>
    public string Network => "fontana:" + Id;

    public WebApplication App { get; private set; } = null!;

    public Uri BaseAddress { get; private set; } = null!;

    public Address PayTo { get; } = new(PrivateKey.Generate().PublicKey);

    public Address FeeAddress { get; private set; }

    public ILedger Ledger => App.Services.GetRequiredService<ILedger>();

    /// <summary>Settlements and submissions the ledger refused with <c>input-spent</c> (double spends).</summary>
    public long InputSpentRejections => Interlocked.Read(ref _inputSpentRejections);

    public static async Task<LiveChain> StartAsync(IReadOnlyList<GenesisAllocation> allocations, string chainId = ChainId, TimeSpan? blockInterval = null)
    {
        var directory = Directory.CreateTempSubdirectory("fontana-sdk-it-").FullName;
        var chain = new LiveChain(directory, chainId);
        var genesis = await ChainSetup.CreateAsync(directory, chainId, allocations, blockInterval ?? TimeSpan.FromHours(1), MinFee, TimeProvider.System);
        chain.FeeAddress = genesis.FeeAddress;

        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Fontana:DataDir"] = directory,
            ["Fontana:BlockInterval"] = (blockInterval ?? TimeSpan.FromHours(1)).ToString("c", System.Globalization.CultureInfo.InvariantCulture),
        });
        // Singleton view of the node's ledger (the node's transient registration would be disposed with a request scope).
        builder.Services.AddSingleton<ILedger>(sp => sp.GetRequiredService<NodeLedger>().Ledger);
        builder.Services.AddFontanaNode(builder.Configuration);
        builder.Services.AddSingleton<IPaymentLedger>(sp => new CountingPaymentLedger(new LedgerPaymentLedger(sp.GetRequiredService<ILedger>), chain));
        builder.Services.AddFontanaInProcessSettlement();
        builder.Services.AddFontanaPayments(o =>
        {
            o.PayTo = chain.PayTo.ToString();
            o.ChainId = chainId;
        });

        var app = builder.Build();
        app.MapFontanaNode();
        app.MapGet("/paid", () => Results.Text("ok")).RequirePayment(Price);
        app.MapPost("/paid", async (HttpRequest request) => Results.Text("ok:" + await new StreamReader(request.Body).ReadToEndAsync())).RequirePayment(Price);
        await app.StartAsync();
        chain.App = app;
        chain.BaseAddress = new Uri(app.Urls.First().TrimEnd('/') + "/");
        chain.ListenForNodeRejections();
        return chain;
    }

    public Uri Url(string path) => new(BaseAddress, path);

    /// <summary>The chain's data directory (its local DA copy is under <c>da/</c>).</summary>
    public string DataDir => _directory;

    /// <summary>A payer for <paramref name="key"/> against this node (stream off unless asked).</summary>
    public FontanaPayer CreatePayer(PrivateKey key, Action<FontanaPayerOptions>? configure = null)
    {
        var options = new FontanaPayerOptions { NodeUrl = BaseAddress, SigningKey = key, UseStream = false };
        configure?.Invoke(options);
        return new FontanaPayer(options);
    }

    public static HttpClient PayingClient(FontanaPayer payer) =>
        new(new PaymentHandler(payer) { InnerHandler = new SocketsHttpHandler { MaxConnectionsPerServer = 256 } }) { Timeout = TimeSpan.FromMinutes(2) };

    public Task<Amount> BalanceAsync(Address address) => Ledger.GetBalanceAsync(address);

    public async ValueTask DisposeAsync()
    {
        _listener.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // SQLite may release its files late; the temp directory is cleaned up later.
        }
    }

    private void ListenForNodeRejections()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == "Fontana.Node" && instrument.Name == "fontana_tx_rejections_total")
            {
                listener.EnableMeasurementEvents(instrument, this);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, value, tags, state) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Value is "input-spent")
                {
                    Interlocked.Add(ref ((LiveChain)state!)._inputSpentRejections, value);
                }
            }
        });
        _listener.Start();
    }

    /// <summary>Counts the provider's settlements the ledger rejects as double spends.</summary>
    private sealed class CountingPaymentLedger(IPaymentLedger inner, LiveChain chain) : IPaymentLedger
    {
        public async Task<SettleOutcome> SubmitAsync(ReadOnlyMemory<byte> transaction, CancellationToken cancellationToken) =>
            Count(await inner.SubmitAsync(transaction, cancellationToken));

        public async Task<SettleOutcome> SubmitDecodedAsync(Transaction transaction, ReadOnlyMemory<byte> encoded, CancellationToken cancellationToken) =>
            Count(await inner.SubmitDecodedAsync(transaction, encoded, cancellationToken));

        private SettleOutcome Count(SettleOutcome outcome)
        {
            if (!outcome.Success && outcome.ErrorReason == "input-spent")
            {
                Interlocked.Increment(ref chain._inputSpentRejections);
            }

            return outcome;
        }
    }
}
