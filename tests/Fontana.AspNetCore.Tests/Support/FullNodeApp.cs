using Fontana.AspNetCore.Demo;
using Fontana.Core;
using Fontana.Core.Crypto;
using Fontana.Ledger;
using Fontana.Ledger.Genesis;
using Fontana.Node.Chain;
using Fontana.Sdk.Payments;
using Fontana.Sdk.Receipts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Fontana.AspNetCore.Tests.Support;

/// <summary>
/// A full node (AddFontanaNode / MapFontanaNode, SQLite, local DA) and a provider in one process on real Kestrel,
/// settling in process. Routes: <c>/weather</c> (0.001 TIA), <c>/demo/fortune</c>, the MVC <see cref="ChargedController"/>, the
/// provider dashboard, and <c>/composite</c>
/// (0.002 TIA) whose handler itself pays <c>/weather</c> from the provider's own spending wallet through the SDK.
/// Genesis funds <see cref="Consumer"/> and <see cref="Spender"/> with 4 × 10 TIA each.
/// </summary>
internal sealed class FullNodeApp : IAsyncDisposable
{
    public const string ChainId = "fontana-sdk";

    private readonly string _directory;
    private FontanaPayer? _spenderPayer;

    private FullNodeApp(string directory)
    {
        _directory = directory;
    }

    public WebApplication App { get; private set; } = null!;

    public Uri BaseAddress { get; private set; } = null!;

    public PrivateKey Consumer { get; } = PrivateKey.Generate();

    /// <summary>The provider's own wallet that pays other APIs from inside its handlers.</summary>
    public PrivateKey Spender { get; } = PrivateKey.Generate();

    /// <summary>The provider's key: signs its challenges and is the payee of payment sessions.</summary>
    public PrivateKey ProviderKey { get; } = PrivateKey.Generate();

    public Address PayTo => new(ProviderKey.PublicKey);

    /// <summary>The provider dashboard's key (mapped at <c>/fontana/dashboard</c>).</summary>
    public const string DashboardKey = "test-dashboard-key";

    public ILedger Ledger => App.Services.GetRequiredService<NodeLedger>().Ledger;

    /// <summary>Starts the node and provider; <paramref name="sessions"/> also takes payment sessions.</summary>
    public static async Task<FullNodeApp> StartAsync(bool sessions = false)
    {
        var directory = Directory.CreateTempSubdirectory("fontana-fullnode-").FullName;
        var node = new FullNodeApp(directory);
        var allocations = new List<GenesisAllocation>();
        for (var i = 0; i < 4; i++)
        {
            allocations.Add(new GenesisAllocation(new Address(node.Consumer.PublicKey), Amount.FromTia(10)));
            allocations.Add(new GenesisAllocation(new Address(node.Spender.PublicKey), Amount.FromTia(10)));
        }

        await ChainSetup.CreateAsync(directory, ChainId, allocations, TimeSpan.FromHours(1), Amount.FromUtia(100), TimeProvider.System);

        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Fontana:DataDir"] = directory,
            ["Fontana:BlockInterval"] = "01:00:00",
        });
        builder.Services.AddFontanaNode(builder.Configuration);
        builder.Services.AddFontanaInProcessSettlement();
        builder.Services.AddFontanaPayments(o =>
        {
            o.PayTo = node.PayTo.ToString();
            o.ChainId = ChainId;
            o.ChallengeKeySeed = Convert.ToHexString(node.ProviderKey.ExportSeed());
        });
        if (sessions)
        {
            builder.Services.AddFontanaSessions(o => o.StorePath = Path.Combine(directory, "provider-sessions.db"));
        }

        builder.Services.AddControllers().AddApplicationPart(typeof(ChargedController).Assembly);

        var app = builder.Build();
        app.MapFontanaNode();
        app.MapControllers();
        app.MapGet("/weather", () => Results.Ok(new { forecast = "sunny" })).RequirePayment("0.001 TIA");
        app.MapGet("/generate", (int words, HttpContext context) =>
        {
            // Usage-priced: at most 0.001 TIA, 10 utia per word generated.
            context.SetFontanaPrice(Amount.FromUtia(10 * (ulong)Math.Clamp(words, 0, 100)), "words");
            return Results.Ok(new { text = string.Join(' ', Enumerable.Repeat("lorem", Math.Clamp(words, 0, 100))) });
        }).RequirePayment("0.001 TIA");
        app.MapGet("/broken", () => Results.StatusCode(500)).RequirePayment("0.001 TIA");
        app.MapDemoFortune();
        app.MapFontanaProviderDashboard(DashboardKey);
        app.MapGet("/composite", async (HttpContext context) =>
        {
            // The handler is itself a consumer: it pays /weather with the provider's own wallet.
            using var upstream = await node._spenderPayer!.CallPaidApiAsync(
                new HttpRequestMessage(HttpMethod.Get, new Uri(node.BaseAddress, "/weather")), cancellationToken: context.RequestAborted);
            upstream.EnsureSuccessStatusCode();
            return Results.Ok(new { upstream = await upstream.Content.ReadAsStringAsync(context.RequestAborted), upstreamPaid = upstream.WasPaid() });
        }).RequirePayment("0.002 TIA");
        await app.StartAsync();

        node.App = app;
        node.BaseAddress = new Uri(app.Urls.First().TrimEnd('/') + "/");
        node._spenderPayer = node.CreatePayer(node.Spender);
        return node;
    }

    /// <summary>An SDK payer for <paramref name="key"/> against this node (stream off: tests are short).</summary>
    public FontanaPayer CreatePayer(PrivateKey key) => new(new FontanaPayerOptions
    {
        NodeUrl = BaseAddress,
        SigningKey = key,
        UseStream = false,
    });

    /// <summary>The provider dashboard's JSON (<c>/fontana/dashboard/api/stats</c>), read with its key.</summary>
    public async Task<System.Text.Json.JsonElement> ReadDashboardAsync()
    {
        using var http = new HttpClient { BaseAddress = BaseAddress };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", DashboardKey);
        using var response = await http.GetAsync("fontana/dashboard/api/stats");
        response.EnsureSuccessStatusCode();
        using var document = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.Clone();
    }

    public async ValueTask DisposeAsync()
    {
        _spenderPayer?.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Released late by SQLite; the temp directory is cleaned up later.
        }
    }
}
