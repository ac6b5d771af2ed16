using System.Diagnostics;
using System.Globalization;
using System.Text;
using Fontana.Bridge;
using Fontana.Bridge.Simulator;

namespace Fontana.Node.Tests.Bridge;

/// <summary>
/// A real <c>fontana node</c> child process (from the test's output directory) on 127.0.0.1 whose bridge daemons run
/// against an <see cref="L1Simulator"/> in the test process, so the L1 outlives the node. With a crash point it kills
/// itself (SIGKILL) at that step (<see cref="BridgeCrashPoints"/>); otherwise the test kills it. Killed on dispose,
/// whatever the test's outcome.
/// </summary>
internal sealed class BridgeNodeProcess : IAsyncDisposable
{
    /// <summary>The exit code .NET reports for a process killed by SIGKILL (128 + 9).</summary>
    public const int SigKillExitCode = 137;

    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private BridgeNodeProcess(Process process, Uri url)
    {
        _process = process;
        Url = url;
        Http = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromSeconds(100) };
    }

    public Uri Url { get; }

    public HttpClient Http { get; }

    /// <summary>Everything the process printed so far (stdout and stderr, interleaved by line).</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts <c>fontana node --data-dir <paramref name="dataDir"/></c> on a free port with the bridge pointed at
    /// <paramref name="l1"/> (vault <paramref name="vault"/>, 2 confirmations, 0.1 s passes, a mempool window of 3
    /// blocks) and <paramref name="crashAt"/> armed when given. Does not wait for it to listen.</summary>
    public static BridgeNodeProcess Start(string dataDir, L1Simulator l1, string vault, string authToken, string? crashAt)
    {
        var url = new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{FontanaProcess.FreePort()}/"));
        var environment = new Dictionary<string, string?>
        {
            ["Fontana__BlockInterval"] = "00:00:00.200",
            ["Fontana__DaPoster__PollInterval"] = "00:00:00.050",
            ["Fontana__Bridge__L1__VaultAddress"] = vault,
            ["Fontana__Bridge__L1__RpcUrl"] = l1.Url.ToString(),
            ["Fontana__Bridge__L1__RestUrl"] = l1.Url.ToString(),
            ["Fontana__Bridge__L1__AuthToken"] = authToken,
            ["Fontana__Bridge__L1__Confirmations"] = "2",
            ["Fontana__Bridge__L1__PollInterval"] = "00:00:00.100",
            ["Fontana__Bridge__L1__MempoolWindowBlocks"] = "3",
            [BridgeCrashPoints.Variable] = crashAt,
        };
        var info = FontanaProcess.StartInfo(dataDir, ["node", "--data-dir", dataDir, "--urls", url.ToString().TrimEnd('/')], environment);
        var process = new Process { StartInfo = info };
        var child = new BridgeNodeProcess(process, url);
        process.OutputDataReceived += (_, e) => child.Append(e.Data);
        process.ErrorDataReceived += (_, e) => child.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>Waits (up to <paramref name="patience"/>) until <c>/health/ready</c> answers 200 (listening <em>and</em> the
    /// ledger open: before that a submission is answered 503 <c>not-ready</c>); fails at once if the process exits first.</summary>
    public async Task WaitReadyAsync(TimeSpan patience)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"the node exited ({_process.ExitCode}) before it was ready:\n{Output}");
            }

            try
            {
                using var response = await Http.GetAsync("health/ready");
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            if (clock.Elapsed > patience)
            {
                throw new TimeoutException($"the node was not ready within {patience}:\n{Output}");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>Waits (up to <paramref name="patience"/>) for the process to exit by itself; returns its exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan patience)
    {
        using var timeout = new CancellationTokenSource(patience);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"the node did not exit within {patience}:\n{Output}");
        }

        return _process.ExitCode;
    }

    /// <summary>SIGKILL (no graceful shutdown), then waits for the exit.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        try
        {
            await KillAsync();
        }
        finally
        {
            _process.Dispose();
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}
