using System.Diagnostics;
using System.Globalization;

namespace Fontana.Cli.Tests;

/// <summary><c>fontana devnet</c> prints its banner before any log line of its daemons (the bridge's watcher and
/// processor log as soon as the host starts): stdout and stderr merged into one pipe show the order they were written in.</summary>
public sealed class DevnetBannerTests : IDisposable
{
    private readonly TempDirectory _home = new("cli-banner");

    [Fact]
    public async Task Devnet_Start_BannerBeforeTheBridgeDaemonsLogLinesAndEndsWithCtrlC()
    {
        var info = FontanaProcess.StartInfo(_home.Path,
            ["devnet", "--port", FontanaProcess.FreePort().ToString(CultureInfo.InvariantCulture), "--block-interval", "200ms",
             "--data-dir", _home.Combine("devnet"), "--wallet", _home.Combine("wallet.key")]);
        info.FileName = "/bin/sh"; // one pipe for both streams: `exec dotnet fontana.dll devnet … 2>&1`
        info.ArgumentList.Insert(0, "-c");
        info.ArgumentList.Insert(1, "exec dotnet \"$@\" 2>&1");
        info.ArgumentList.Insert(2, "sh");
        using var process = Process.Start(info)!;
        _ = process.StandardError.ReadToEndAsync();
        var lines = new List<string>();
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
            while (!(lines.Any(l => l.Contains("watching deposits to", StringComparison.Ordinal))
                && lines.Any(l => l.Contains("paying withdrawals from vault", StringComparison.Ordinal))))
            {
                lines.Add(await process.StandardOutput.ReadLineAsync(timeout.Token)
                    ?? throw new InvalidOperationException("the devnet stopped:\n" + string.Join('\n', lines)));
            }
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        var output = string.Join('\n', lines);
        var bannerStart = lines.FindIndex(l => l.StartsWith("Fontana devnet started", StringComparison.Ordinal));
        var bannerEnd = lines.FindIndex(l => l.StartsWith("Ctrl+C stops the devnet", StringComparison.Ordinal));
        bannerStart.ShouldBeGreaterThanOrEqualTo(0, output);
        bannerEnd.ShouldBeGreaterThan(bannerStart, output);
        var l1Line = lines.FindIndex(l => l.StartsWith("  L1 ", StringComparison.Ordinal));
        l1Line.ShouldBeGreaterThan(bannerStart, output);
        l1Line.ShouldBeLessThan(bannerEnd, "the L1 line belongs with the node's addresses, before the closing Ctrl+C line\n" + output);
        var firstDaemonLine = lines.FindIndex(l => l.Contains("DepositWatcher:", StringComparison.Ordinal) || l.Contains("WithdrawalProcessor:", StringComparison.Ordinal));
        firstDaemonLine.ShouldBeGreaterThan(bannerEnd, output);
        lines.Take(bannerStart).ShouldAllBe(l => !l.Contains(" info ", StringComparison.Ordinal) && !l.Contains(" warn ", StringComparison.Ordinal), output);
    }

    public void Dispose() => _home.Dispose();
}
