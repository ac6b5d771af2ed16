using Fontana.Cli.Infrastructure;
using Fontana.Core.Errors;

namespace Fontana.Cli.Tests;

/// <summary>An unforeseen failure prints one line with its code; the whole exception only when asked (FONTANA_DEBUG=1).</summary>
public sealed class CliErrorWriterTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Write_InternalError_StackTraceOnlyInDebug(bool debug)
    {
        var failure = CliFailures.From(Thrown());
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var exit = CliErrorWriter.Write(stdout, stderr, json: false, failure, debug);

        exit.ShouldBe(ExitCodes.Failure);
        failure.Code.ShouldBe(ErrorCodes.InternalError);
        var lines = stderr.ToString().Split('\n');
        lines[0].ShouldBe("error internal-error: ArgumentNullException: Value cannot be null. (Parameter 'source')");
        stderr.ToString().Contains(nameof(Thrown), StringComparison.Ordinal).ShouldBe(debug, stderr.ToString());
        stdout.ToString().ShouldBeEmpty();
    }

    [Fact]
    public void Write_CodedFailureInDebug_NoStackTrace()
    {
        var failure = new CliFailure(ErrorCodes.AddressInUse, "port 1 is in use", ExitCodes.Failure, Thrown());
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        CliErrorWriter.Write(stdout, stderr, json: false, failure, debug: true);

        stderr.ToString().Trim().ShouldBe("error address-in-use: port 1 is in use");
    }

    private static Exception Thrown()
    {
        try
        {
            IEnumerable<int>? none = null;
            _ = none!.Count();
            throw new InvalidOperationException("unreachable");
        }
        catch (ArgumentNullException ex)
        {
            return ex;
        }
    }
}
