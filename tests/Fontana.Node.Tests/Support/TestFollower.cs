using System.Net.Http.Json;
using Fontana.Core.Api;
using Fontana.Node.Chain;
using Fontana.Node.Diagnostics;
using Fontana.Node.Follower;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Fontana.Node.Tests.Support;

/// <summary>A follower node (AddFontanaFollower / MapFontanaNode) on real Kestrel over its own data dir, following
/// <see cref="TestNode"/>'s sequencer; DA is the sequencer's local DA directory (read-only) unless settings say otherwise.</summary>
internal sealed class TestFollower : IAsyncDisposable
{
    private TestFollower(KestrelHost host) => Host = host;

    public KestrelHost Host { get; }

    public HttpClient Http => Host.Http;

    public NodeLedger Node => Host.Services.GetRequiredService<NodeLedger>();

    public FollowerStatus Status => Host.Services.GetRequiredService<FollowerStatus>();

    public NodeMetrics Metrics => Host.Services.GetRequiredService<NodeMetrics>();

    public static async Task<TestFollower> StartAsync(Uri sequencer, string dataDir, string? sequencerDaDir, IDictionary<string, string?>? settings = null)
    {
        var all = new Dictionary<string, string?>
        {
            ["Fontana:DataDir"] = dataDir,
            ["Fontana:Follower:SequencerUrl"] = sequencer.ToString(),
            ["Fontana:Follower:PollInterval"] = "00:00:00.050",
            ["Fontana:Follower:RequestTimeout"] = "00:00:02",
        };
        if (sequencerDaDir is not null)
        {
            all["Fontana:DataAvailability:LocalDirectory"] = sequencerDaDir;
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        return new TestFollower(await KestrelHost.StartAsync(all, b => b.Services.AddFontanaFollower(b.Configuration), app => app.MapFontanaNode()));
    }

    /// <summary>The follower's tip header as served over HTTP.</summary>
    public async Task<HeaderDto> TipAsync() => (await Http.GetFromJsonAsync("v1/headers/tip", ApiJsonContext.Default.HeaderDto))!;

    public ValueTask DisposeAsync() => Host.DisposeAsync();
}
