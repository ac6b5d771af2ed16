namespace Fontana.Cli.Devnet;

/// <summary>The devnet's running followers; disposing stops each (idempotent).</summary>
internal sealed class DevnetFollowerSet : IAsyncDisposable
{
    private readonly List<WebApplication> _apps = [];
    private readonly List<string> _urls = [];

    /// <summary>The followers' URLs, in order.</summary>
    public IReadOnlyList<string> Urls => _urls;

    public void Add(WebApplication app, string url)
    {
        _apps.Add(app);
        _urls.Add(url);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var app in _apps)
        {
            try
            {
                await app.StopAsync(CancellationToken.None);
            }
            catch (OperationCanceledException)
            {
                // Never started: nothing to stop.
            }

            await app.DisposeAsync();
        }

        _apps.Clear();
    }
}
