using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace Fontana.Testing;

/// <summary>Runs the real <c>fontana</c> CLI (<c>dotnet fontana.dll …</c>, from the test's output directory: reference
/// src/Fontana.Cli) as a child process with HOME pointed at a test directory, so nothing touches the user's ~/.fontana.
/// <c>FONTANA_WALLET</c>, <c>FONTANA_NODE</c> and <c>FONTANA_WALLET_PASSPHRASE</c> of the test runner are not passed on.</summary>
public static class FontanaProcess
{
    /// <summary>The CLI's entry assembly next to the test assembly.</summary>
    public static string Dll { get; } = Path.Combine(AppContext.BaseDirectory, "fontana.dll");

    /// <summary>A start info for <c>fontana <paramref name="args"/></c> in <paramref name="home"/>, with
    /// <paramref name="environment"/> added (a null value removes a variable).</summary>
    public static ProcessStartInfo StartInfo(string home, IEnumerable<string> args, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = home,
        };
        info.ArgumentList.Add(Dll);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["HOME"] = home;
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["NO_COLOR"] = "1";
        info.Environment["FONTANA_DEBUG"] = "1"; // an internal-error in a test shows where it came from
        info.Environment.Remove("FONTANA_WALLET");
        info.Environment.Remove("FONTANA_NODE");
        info.Environment.Remove("FONTANA_WALLET_PASSPHRASE");
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                info.Environment.Remove(name);
            }
            else
            {
                info.Environment[name] = value;
            }
        }

        return info;
    }

    /// <summary>Runs to completion; returns exit code, stdout, stderr.</summary>
    public static Task<CliRun> RunAsync(string home, params string[] args) => RunAsync(home, null, args);

    /// <summary>Runs to completion with extra environment variables.</summary>
    public static async Task<CliRun> RunAsync(string home, IReadOnlyDictionary<string, string?>? environment, params string[] args)
    {
        using var process = Process.Start(StartInfo(home, args, environment))!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"fontana {string.Join(' ', args)} did not finish within 90 s");
        }

        return new CliRun(process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Runs with <c>--json</c> and parses stdout's JSON object.</summary>
    public static async Task<(int ExitCode, JsonElement Json, string Err)> RunJsonAsync(string home, params string[] args)
    {
        var run = await RunAsync(home, [.. args, "--json"]);
        return (run.ExitCode, run.ParseJson(), run.Err);
    }

    /// <summary>A port nobody listens on right now (OS-assigned).</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>
    /// The first of <paramref name="count"/> consecutive ports that are all free right now, for a process that takes a
    /// run of ports (<c>fontana devnet --followers N</c> listens on port … port+N). Chosen at random below the kernel's
    /// ephemeral range (<c>/proc/sys/net/ipv4/ip_local_port_range</c>, 32768–60999 by default): the ports after an
    /// OS-assigned one are handed out to other tests' listeners and outgoing connections, these never are.
    /// </summary>
    public static int FreePortRun(int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var first = Random.Shared.Next(20_000, 32_000 - count);
            if (Enumerable.Range(first, count).All(IsFree))
            {
                return first;
            }
        }

        throw new InvalidOperationException($"no run of {count} free ports found in 20000-32000 on 127.0.0.1");
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
