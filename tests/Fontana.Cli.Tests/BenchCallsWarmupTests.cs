namespace Fontana.Cli.Tests;

/// <summary><c>fontana bench calls --warmup N</c>: N untimed calls of each kind before the measured phases.</summary>
public sealed class BenchCallsWarmupTests : IDisposable
{
    private readonly TempDirectory _home = new("cli");

    [Fact]
    public async Task BenchCalls_Warmup_ReportsTheWarmupAndMeasuresEveryCall()
    {
        var (code, json, err) = await FontanaProcess.RunJsonAsync(_home.Path, "bench", "calls", "--calls", "30", "--concurrency", "3", "--warmup", "7");

        code.ShouldBe(0, err);
        json.GetProperty("warmupCalls").GetInt32().ShouldBe(7);
        json.GetProperty("calls").GetInt32().ShouldBe(30);
        json.GetProperty("failures").GetInt32().ShouldBe(0);
        json.GetProperty("doubleSpends").GetInt64().ShouldBe(0);
    }

    [Fact]
    public async Task BenchCalls_NoWarmupOption_ReportsTheDefault()
    {
        var (code, json, err) = await FontanaProcess.RunJsonAsync(_home.Path, "bench", "calls", "--calls", "20", "--concurrency", "2");

        code.ShouldBe(0, err);
        json.GetProperty("warmupCalls").GetInt32().ShouldBe(2);
    }

    [Fact]
    public async Task BenchCalls_WarmupZero_BadArgument()
    {
        var run = await FontanaProcess.RunAsync(_home.Path, "bench", "calls", "--calls", "10", "--warmup", "0");

        run.ExitCode.ShouldBe(1, run.ToString());
        run.Err.ShouldBe("error bad-argument: --warmup must be 1..1000000\n");
    }

    public void Dispose() => _home.Dispose();
}
