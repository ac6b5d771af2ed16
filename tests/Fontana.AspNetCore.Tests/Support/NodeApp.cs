using Fontana.Ledger;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Fontana.AspNetCore.Tests.Support;

/// <summary>A node's x402 facilitator on real Kestrel over the chain's ledger (for remote settlement).</summary>
internal sealed class NodeApp : IAsyncDisposable
{
    private NodeApp(WebApplication app)
    {
        App = app;
        BaseAddress = new Uri(app.Urls.First());
        Client = new HttpClient { BaseAddress = BaseAddress };
    }

    public WebApplication App { get; }

    public Uri BaseAddress { get; }

    public HttpClient Client { get; }

    public static async Task<NodeApp> StartAsync(TestChain chain)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<TimeProvider>(chain.Time);
        builder.Services.AddSingleton<ILedger>(chain.Ledger);
        var app = builder.Build();
        app.MapX402Facilitator();
        await app.StartAsync();
        return new NodeApp(app);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
