using System.Diagnostics;
using System.Text.Json;

namespace Fontana.Testing;

/// <summary>A <c>fontana devnet --json</c> child process (node + demo paid API on 127.0.0.1, genesis funding the
/// wallet); killed with SIGKILL on dispose.</summary>
public sealed class DevnetProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Task<string> _stderr;
    private readonly Task<string> _restOfStdout;

    private DevnetProcess(Process process, Task<string> stderr, string url, JsonElement started)
    {
        _process = process;
        _stderr = stderr;
        _restOfStdout = process.StandardOutput.ReadToEndAsync();
        Url = url;
        Started = started;
    }

    /// <summary>The node's base URL, without a trailing slash.</summary>
    public string Url { get; }

    /// <summary>The devnet's start-up JSON object (url, chainId, genesisHash, dataDir, wallet, address, resumed, …).</summary>
    public JsonElement Started { get; }

    /// <summary>The funded wallet's address.</summary>
    public string Address => Started.GetProperty("address").GetString()!;

    /// <summary>The process id (for signals).</summary>
    public int ProcessId => _process.Id;

    /// <summary>Starts a devnet (with <paramref name="extraArgs"/>, e.g. <c>--followers 2</c>, and extra
    /// <paramref name="environment"/> variables) and waits (up to 60 s) for its start-up JSON line.</summary>
    public static async Task<DevnetProcess> StartAsync(string home, string dataDir, string wallet, int port, string blockInterval = "200ms",
        IEnumerable<string>? extraArgs = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        var info = FontanaProcess.StartInfo(home,
            ["devnet", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--block-interval", blockInterval,
             "--data-dir", dataDir, "--wallet", wallet, "--json", .. extraArgs ?? []]);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }

        var process = Process.Start(info)!;
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            var line = await process.StandardOutput.ReadLineAsync(timeout.Token);
            if (line is null)
            {
                await process.WaitForExitAsync(timeout.Token);
                throw new InvalidOperationException($"devnet exited ({process.ExitCode}) before starting: {await stderr}");
            }

            using var doc = JsonDocument.Parse(line);
            var started = doc.RootElement.Clone();
            if (started.TryGetProperty("code", out _))
            {
                throw new InvalidOperationException($"devnet failed: {line}");
            }

            return new DevnetProcess(process, stderr, started.GetProperty("url").GetString()!, started);
        }
        catch
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            process.Dispose();
            throw;
        }
    }

    /// <summary>SIGKILL: no graceful shutdown, no final seal. Returns what the devnet printed after its start-up
    /// line on stdout, and everything on stderr.</summary>
    public async Task<(string RestOfStdout, string Stderr)> KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        return (await _restOfStdout, await _stderr);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }
}
