namespace Fontana.Cli.Tests;

/// <summary>Usage errors: <c>error usage: …</c> and the command's short usage on stderr, nothing on stdout, exit 2;
/// with <c>--json</c> one object on stdout.</summary>
public sealed class UsageErrorTests : IDisposable
{
    private readonly TempDirectory _home = new("cli");

    [Fact]
    public async Task Split_CountNotANumber_SaysWholeNumberWithShortUsageExitTwo()
    {
        var run = await FontanaProcess.RunAsync(_home.Path, "split", "--count", "abc", "--amount", "1 TIA");

        run.ExitCode.ShouldBe(2, run.ToString());
        run.Out.ShouldBeEmpty();
        var lines = run.Err.TrimEnd().Split('\n');
        lines.Length.ShouldBe(2, run.Err);
        lines[0].ShouldBe("error usage: --count: 'abc' is not a whole number (e.g. --count 10)");
        lines[1].ShouldStartWith("usage: fontana split --count <COUNT> --amount <AMOUNT> [options]");
        run.Err.ShouldNotContain("System.Int32");
    }

    [Fact]
    public async Task UnknownCommand_UsageErrorExitTwoWithoutHelpDump()
    {
        var run = await FontanaProcess.RunAsync(_home.Path, "frobnicate");

        run.ExitCode.ShouldBe(2, run.ToString());
        run.Out.ShouldBeEmpty();
        run.Err.ShouldStartWith("error usage: Unrecognized command or argument 'frobnicate'");
        run.Err.ShouldNotContain("Commands:");
    }

    [Fact]
    public async Task MissingRequiredOption_UsageErrorExitTwo()
    {
        var run = await FontanaProcess.RunAsync(_home.Path, "transfer", "--amount", "1 TIA");

        run.ExitCode.ShouldBe(2, run.ToString());
        run.Out.ShouldBeEmpty();
        run.Err.ShouldStartWith("error usage: Option '--to' is required");
        run.Err.ShouldContain("usage: fontana transfer");
    }

    [Fact]
    public async Task Json_UsageError_OneObjectOnStdoutExitTwo()
    {
        var run = await FontanaProcess.RunAsync(_home.Path, "split", "--count", "abc", "--amount", "1 TIA", "--json");

        run.ExitCode.ShouldBe(2, run.ToString());
        var json = run.ParseJson();
        json.GetProperty("code").GetString().ShouldBe("usage");
        json.GetProperty("message").GetString().ShouldBe("--count: 'abc' is not a whole number (e.g. --count 10)");
        run.Err.ShouldBeEmpty();
    }

    [Fact]
    public async Task Help_StillPrintsHelpAndExitsZero()
    {
        var run = await FontanaProcess.RunAsync(_home.Path, "split", "--help");

        run.ExitCode.ShouldBe(0, run.ToString());
        run.Out.ShouldContain("--count");
    }

    public void Dispose() => _home.Dispose();
}
