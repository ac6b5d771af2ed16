using Fontana.Node.Chain;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Fontana.Sdk.Tests.Support;

/// <summary>
/// A second node host over the same ledger as a <see cref="LiveChain"/> (one process, one ledger, another real Kestrel
/// server with the full node API), so several nodes share one chain until follower nodes exist. It can be killed
/// (Kestrel stopped with its connections aborted) and started again on the same port. Counts the <c>/v1</c> requests it serves.
/// </summary>
internal sealed class NodeReplica : IAsyncDisposable
{
    private readonly LiveChain _chain;
    private WebApplication? _app;
    private long _apiRequests;

    private NodeReplica(LiveChain chain) => _chain = chain;

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary><c>/v1/…</c> requests served since the start.</summary>
    public long ApiRequests => Interlocked.Read(ref _apiRequests);

    public static async Task<NodeReplica> StartAsync(LiveChain chain)
    {
        var replica = new NodeReplica(chain);
        await replica.StartAsync(0);
        return replica;
    }

    /// <summary>Stops Kestrel at once, aborting open connections and requests in flight.</summary>
    public async Task KillAsync()
    {
        if (Interlocked.Exchange(ref _app, null) is { } app)
        {
            await app.StopAsync(new CancellationToken(canceled: true));
            await app.DisposeAsync();
        }
    }

    /// <summary>Starts again on the same port.</summary>
    public Task RestartAsync() => StartAsync(BaseAddress.Port);

    public ValueTask DisposeAsync() => new(KillAsync());

    private async Task StartAsync(int port)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Fontana:DataDir"] = Path.Combine(Path.GetTempPath(), "fontana-replica-unused"),
            ["Fontana:BlockInterval"] = "01:00:00",
        });
        builder.Services.AddFontanaNode(builder.Configuration);

        // The chain's ledger, owned by the chain's host: no ledger, producer or poster of our own.
        builder.Services.RemoveAll<IHostedService>();
        builder.Services.Replace(ServiceDescriptor.Singleton(_chain.App.Services.GetRequiredService<NodeLedger>()));
        var app = builder.Build();
        app.Use(async (HttpContext context, RequestDelegate next) =>
        {
            if (context.Request.Path.StartsWithSegments("/v1"))
            {
                Interlocked.Increment(ref _apiRequests);
            }

            await next(context);
        });
        app.MapFontanaNode();
        await app.StartAsync();
        BaseAddress = new Uri(app.Urls.First().TrimEnd('/') + "/");
        _app = app;
    }
}
