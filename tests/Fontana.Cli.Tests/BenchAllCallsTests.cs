using System.Text.Json;

namespace Fontana.Cli.Tests;

/// <summary><c>fontana bench all</c>'s calls part: the exact scheme measured after the default warm-up (<c>-cold</c>) and
/// in the steady state (after <c>--steady-warmup</c> untimed paid calls), each with the JIT's work while timed.</summary>
public sealed class BenchAllCallsTests : IDisposable
{
    private readonly TempDirectory _home = new("cli");

    [Fact]
    public async Task BenchAll_SmallRun_ReportsColdAndSteadyExactRunsWithTheirWarmup()
    {
        var (code, json, err) = await FontanaProcess.RunJsonAsync(
            _home.Path, "bench", "all", "--transactions", "300", "--recover-transactions", "300", "--calls", "20", "--steady-warmup", "64");

        code.ShouldBe(0, err);
        var calls = json.GetProperty("calls");
        calls.GetProperty("exact-1-cold").GetProperty("warmupCalls").GetInt32().ShouldBe(2);
        calls.GetProperty("exact-256-cold").GetProperty("warmupCalls").GetInt32().ShouldBe(50);
        calls.GetProperty("exact-1").GetProperty("warmupCalls").GetInt32().ShouldBe(8);
        calls.GetProperty("exact-256").GetProperty("warmupCalls").GetInt32().ShouldBe(64);
        foreach (var run in new[] { "exact-1-cold", "exact-256-cold", "exact-1", "exact-256", "session-1", "session-256" })
        {
            var r = calls.GetProperty(run);
            r.GetProperty("calls").GetInt32().ShouldBe(20, run);
            r.GetProperty("failures").GetInt32().ShouldBe(0, run);
            r.GetProperty("doubleSpends").GetInt64().ShouldBe(0, run);
            r.GetProperty("paidJitCompilations").ValueKind.ShouldBe(JsonValueKind.Number, run);
            r.GetProperty("paidJitCompilations").GetInt64().ShouldBeGreaterThanOrEqualTo(0, run);
        }

        json.GetProperty("callsWarmup").GetString()!.ShouldContain("8 / 64 untimed paid calls");
    }

    [Theory]
    [InlineData("7")]
    [InlineData("1000001")]
    public async Task BenchAll_SteadyWarmupOutOfRange_BadArgument(string warmup)
    {
        var run = await FontanaProcess.RunAsync(_home.Path, "bench", "all", "--steady-warmup", warmup);

        run.ExitCode.ShouldBe(1, run.ToString());
        run.Err.ShouldBe("error bad-argument: --steady-warmup must be 8..1000000\n");
    }

    public void Dispose() => _home.Dispose();
}
