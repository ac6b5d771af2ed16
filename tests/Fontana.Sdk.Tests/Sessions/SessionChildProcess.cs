using System.Diagnostics;
using System.Text.Json;
using Fontana.Sdk.Tests.Store;

namespace Fontana.Sdk.Tests.Sessions;

/// <summary>Runs tests/Fontana.Sdk.SessionChild (an SDK payer with a wallet store and a session store) to completion,
/// optionally armed to SIGKILL itself at one step of ending a session (<c>FONTANA_SESSION_END_CRASH_AT</c>).</summary>
internal static class SessionChildProcess
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);

    /// <summary>Runs <c>SessionChild <paramref name="command"/></c> against <paramref name="nodeUrl"/> with the wallet
    /// store of <paramref name="store"/> and the sessions of <paramref name="sessionsDir"/>; returns exit code, stdout
    /// lines and stderr.</summary>
    public static async Task<(int ExitCode, IReadOnlyList<JsonElement> Lines, string Err)> RunAsync(
        string? crashAt, string command, string nodeUrl, string wallet, StoreTarget store, string sessionsDir, params string[] more)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Fontana.Sdk.SessionChild.dll"));
        foreach (var argument in (string[])[command, nodeUrl, wallet, Location(store), store.Engine == StoreTarget.Postgres ? store.Schema : "-", sessionsDir, .. more])
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment.Remove("FONTANA_SESSION_END_CRASH_AT");
        if (crashAt is not null)
        {
            start.Environment["FONTANA_SESSION_END_CRASH_AT"] = crashAt;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Patience);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"SessionChild {command} did not finish within {Patience.TotalSeconds} s: {await stderr}");
        }

        var lines = (await stdout).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement.Clone()).ToList();
        return (process.ExitCode, lines, await stderr);
    }

    private static string Location(StoreTarget store) => store.Engine == StoreTarget.Postgres ? StoreTarget.PostgresConnection! : store.SqlitePath;
}
