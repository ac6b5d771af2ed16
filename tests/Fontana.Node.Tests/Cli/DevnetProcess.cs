using System.Diagnostics;
using System.Text.Json;

namespace Fontana.Node.Tests.Cli;

/// <summary>A <c>fontana devnet --json</c> child process; killed with SIGKILL on dispose.</summary>
internal sealed class DevnetProcess : IAsyncDisposable
{
    private readonly Process _process;

    private DevnetProcess(Process process, string url, JsonElement started)
    {
        _process = process;
        Url = url;
        Started = started;
    }

    public string Url { get; }

    public JsonElement Started { get; }

    public static async Task<DevnetProcess> StartAsync(string home, string dataDir, string wallet, int port, string blockInterval = "200ms",
        IEnumerable<string>? extraArgs = null)
    {
        var process = Process.Start(FontanaProcess.StartInfo(home,
            ["devnet", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--block-interval", blockInterval,
             "--data-dir", dataDir, "--wallet", wallet, "--json", .. extraArgs ?? []]))!;
        _ = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (true)
        {
            var line = await process.StandardOutput.ReadLineAsync(timeout.Token)
                ?? throw new InvalidOperationException($"devnet exited ({(process.HasExited ? process.ExitCode : -1)}) before starting");
            if (line.StartsWith('{'))
            {
                using var doc = JsonDocument.Parse(line);
                var started = doc.RootElement.Clone();
                if (started.TryGetProperty("code", out var code))
                {
                    throw new InvalidOperationException($"devnet failed: {line}");
                }

                return new DevnetProcess(process, started.GetProperty("url").GetString()!, started);
            }
        }
    }

    /// <summary>SIGKILL: no graceful shutdown, no final seal.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }
}
