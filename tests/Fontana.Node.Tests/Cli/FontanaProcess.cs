using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace Fontana.Node.Tests.Cli;

/// <summary>Runs the real <c>fontana</c> CLI (<c>dotnet fontana.dll …</c>) as a child process with HOME pointed at
/// a test directory, so nothing touches the user's ~/.fontana.</summary>
internal static class FontanaProcess
{
    public static string Dll { get; } = Path.Combine(AppContext.BaseDirectory, "fontana.dll");

    public static ProcessStartInfo StartInfo(string home, IEnumerable<string> args)
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
        info.Environment.Remove("FONTANA_WALLET");
        return info;
    }

    /// <summary>Runs to completion; returns exit code, stdout, stderr.</summary>
    public static async Task<(int ExitCode, string Out, string Err)> RunAsync(string home, params string[] args)
    {
        using var process = Process.Start(StartInfo(home, args))!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Runs with <c>--json</c> and parses stdout's JSON object.</summary>
    public static async Task<(int ExitCode, JsonElement Json, string Err)> RunJsonAsync(string home, params string[] args)
    {
        var (code, output, error) = await RunAsync(home, [.. args, "--json"]);
        try
        {
            using var doc = JsonDocument.Parse(output);
            return (code, doc.RootElement.Clone(), error);
        }
        catch (JsonException)
        {
            throw new InvalidOperationException($"fontana {string.Join(' ', args)} printed no JSON (exit {code}): {output} / {error}");
        }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
