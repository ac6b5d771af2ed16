using System.Globalization;
using Fontana.Cli.Infrastructure;

namespace Fontana.Cli.Devnet;

/// <summary>
/// <c>fontana devnet --followers N</c>: N read-only follower nodes in the devnet's process, on the ports after the
/// devnet's (<c>port+1 … port+N</c>), each with its own store under <c>{DataDir}/followers/{i}</c>, reading the devnet's
/// local DA directory read-only and following its HTTP API and stream (docs/operations.md, "Follower nodes").
/// </summary>
internal static class DevnetFollowers
{
    /// <summary>Most followers a devnet starts.</summary>
    public const int Max = 8;

    /// <summary>Starts followers 1 … <paramref name="count"/>; disposing the set stops them.</summary>
    public static async Task<DevnetFollowerSet> StartAsync(DevnetSettings settings, string sequencerUrl, int count, CancellationToken cancellationToken)
    {
        var set = new DevnetFollowerSet();
        try
        {
            for (var i = 1; i <= count; i++)
            {
                var app = Build(settings, sequencerUrl, i);
                set.Add(app, Url(settings, i));
                await CliHost.StartAsync(app, $"port {settings.Port + i} on 127.0.0.1 (follower {i})",
                    "choose another --port (followers take the ports after it)", cancellationToken);
            }

            return set;
        }
        catch
        {
            await set.DisposeAsync();
            throw;
        }
    }

    /// <summary>Builds follower <paramref name="index"/> (1-based) of the devnet at <paramref name="sequencerUrl"/>.</summary>
    public static WebApplication Build(DevnetSettings settings, string sequencerUrl, int index)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Fontana:DataDir"] = Path.Combine(settings.DataDir, "followers", index.ToString(CultureInfo.InvariantCulture)),
            ["Fontana:Follower:SequencerUrl"] = sequencerUrl,
            ["Fontana:Follower:PollInterval"] = "00:00:00.500",
            ["Fontana:DataAvailability:Layer"] = "local",
            ["Fontana:DataAvailability:LocalDirectory"] = Path.Combine(settings.DataDir, "da"),
            ["Logging:LogLevel:Default"] = "Warning",
        });
        builder.WebHost.UseUrls(Url(settings, index));
        CliHost.ConfigureLogging(builder.Logging);
        builder.Services.AddFontanaFollower(builder.Configuration);
        var app = builder.Build();
        app.MapFontanaNode();
        return app;
    }

    /// <summary>The URL of follower <paramref name="index"/> (1-based).</summary>
    public static string Url(DevnetSettings settings, int index) =>
        string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{settings.Port + index}");
}
