using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Fontana.Sdk.Tests.Support;

/// <summary>
/// A real follower node (<c>AddFontanaFollower</c> + <c>MapFontanaNode</c>, its own SQLite store, the sequencer's local
/// DA directory read-only) of a <see cref="LiveChain"/> on real Kestrel at 127.0.0.1. It can be killed (Kestrel stopped
/// with its connections aborted) and started again on the same port over the same store. Counts the <c>/v1</c>
/// requests it serves and the submissions it forwarded.
/// </summary>
internal sealed class FollowerNode : IAsyncDisposable
{
    private readonly LiveChain _chain;
    private readonly string _dataDir;
    private WebApplication? _app;
    private long _apiRequests;
    private long _submissions;

    private FollowerNode(LiveChain chain, string dataDir)
    {
        _chain = chain;
        _dataDir = dataDir;
    }

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary><c>/v1/…</c> requests served since the first start.</summary>
    public long ApiRequests => Interlocked.Read(ref _apiRequests);

    /// <summary><c>POST /v1/transactions</c> received (forwarded to the sequencer) since the first start.</summary>
    public long Submissions => Interlocked.Read(ref _submissions);

    public static async Task<FollowerNode> StartAsync(LiveChain chain)
    {
        var node = new FollowerNode(chain, Directory.CreateTempSubdirectory("fontana-sdk-follower-").FullName);
        await node.StartAsync(0);
        return node;
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

    /// <summary>Starts again on the same port over the same store.</summary>
    public Task RestartAsync() => StartAsync(BaseAddress.Port);

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        try
        {
            Directory.Delete(_dataDir, recursive: true);
        }
        catch (IOException)
        {
            // SQLite may release its files late.
        }
    }

    private async Task StartAsync(int port)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Fontana:DataDir"] = _dataDir,
            ["Fontana:Follower:SequencerUrl"] = _chain.BaseAddress.ToString(),
            ["Fontana:Follower:PollInterval"] = "00:00:00.200",
            ["Fontana:DataAvailability:LocalDirectory"] = Path.Combine(_chain.DataDir, "da"),
        });
        builder.Services.AddFontanaFollower(builder.Configuration);
        var app = builder.Build();
        app.Use(async (HttpContext context, RequestDelegate next) =>
        {
            if (context.Request.Path.StartsWithSegments("/v1"))
            {
                Interlocked.Increment(ref _apiRequests);
                if (HttpMethods.IsPost(context.Request.Method) && context.Request.Path == "/v1/transactions")
                {
                    Interlocked.Increment(ref _submissions);
                }
            }

            await next(context);
        });
        app.MapFontanaNode();
        await app.StartAsync();
        BaseAddress = new Uri(app.Urls.First().TrimEnd('/') + "/");
        _app = app;
    }
}
