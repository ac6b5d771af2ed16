using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace Fontana.Browser.Tests;

/// <summary>A real <c>fontana devnet --json</c> child process in a temporary HOME, with the CLI at hand to act on it as
/// a user would (transfers, paid calls). Killed and deleted on dispose.</summary>
public sealed class Devnet : IAsyncDisposable
{
    private static readonly string FontanaDll = Path.Combine(AppContext.BaseDirectory, "fontana.dll");
    private readonly Process _process;

    private Devnet(Process process, string home, string url, JsonElement started)
    {
        _process = process;
        Home = home;
        Url = url;
        Started = started;
    }

    /// <summary>The temporary HOME (wallet at <c>~/.fontana/wallet.key</c>, chain under <c>~/.fontana/devnet</c>).</summary>
    public string Home { get; }

    /// <summary>The node's base URL, e.g. <c>http://127.0.0.1:40123</c>.</summary>
    public string Url { get; }

    /// <summary>The devnet's start-up JSON line.</summary>
    public JsonElement Started { get; }

    /// <summary>Starts a devnet on a free loopback port and waits for its start-up line.</summary>
    public static async Task<Devnet> StartAsync(string blockInterval = "300ms")
    {
        var home = Directory.CreateTempSubdirectory("fontana-browser-").FullName;
        var process = Process.Start(StartInfo(home, ["devnet", "--port", FreePort().ToString(CultureInfo.InvariantCulture), "--block-interval", blockInterval, "--json"]))!;
        _ = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        while (true)
        {
            var line = await process.StandardOutput.ReadLineAsync(timeout.Token)
                ?? throw new InvalidOperationException($"devnet exited before starting ({(process.HasExited ? process.ExitCode : -1)})");
            if (!line.StartsWith('{'))
            {
                continue;
            }

            using var doc = JsonDocument.Parse(line);
            var started = doc.RootElement.Clone();
            if (!started.TryGetProperty("url", out var url))
            {
                throw new InvalidOperationException($"devnet failed: {line}");
            }

            _ = process.StandardOutput.ReadToEndAsync();
            return new Devnet(process, home, url.GetString()!, started);
        }
    }

    /// <summary>Runs <c>fontana ARGS --node URL --json</c> against this devnet; returns the exit code and parsed stdout.</summary>
    public async Task<JsonElement> RunJsonAsync(params string[] args)
    {
        using var process = Process.Start(StartInfo(Home, [.. args, "--node", Url, "--json"]))!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        await process.WaitForExitAsync(timeout.Token);
        var output = await stdout;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"fontana {string.Join(' ', args)} exited {process.ExitCode}: {output} {await stderr}");
        }

        using var doc = JsonDocument.Parse(output.Trim().Split('\n')[^1]);
        return doc.RootElement.Clone();
    }

    /// <summary>SIGKILL, then the temporary HOME is deleted.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        try
        {
            Directory.Delete(Home, recursive: true);
        }
        catch (IOException)
        {
            // best effort: a file still held open by a dying child
        }
    }

    private static ProcessStartInfo StartInfo(string home, IEnumerable<string> args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = home };
        info.ArgumentList.Add(FontanaDll);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["HOME"] = home;
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment.Remove("FONTANA_WALLET");
        info.Environment.Remove("FONTANA_NODE");
        return info;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
