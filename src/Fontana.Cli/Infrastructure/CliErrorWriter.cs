using System.Text.Json.Nodes;

namespace Fontana.Cli.Infrastructure;

/// <summary>Prints a <see cref="CliFailure"/> per docs/cli.md: <c>error &lt;code&gt;: &lt;reason&gt;</c> on stderr (the
/// word <c>error</c> in red on a terminal), or with <c>--json</c> one object <c>{"code","message",…}</c> on stdout
/// and nothing else. With <c>FONTANA_DEBUG=1</c> an <c>internal-error</c> is followed on stderr by the whole exception
/// (stack trace included), for a bug report; without it the CLI never prints a stack trace.</summary>
internal static class CliErrorWriter
{
    public static int Write(TextWriter stdout, TextWriter stderr, bool json, CliFailure failure, bool? debug = null)
    {
        var message = CliFailures.WithoutCode(failure.Code, failure.Message).ReplaceLineEndings(" ").Trim();
        if (json)
        {
            var error = new JsonObject { ["code"] = failure.Code, ["message"] = message };
            if (failure.Details is { } details)
            {
                foreach (var (name, value) in details)
                {
                    error[name] = value?.DeepClone();
                }
            }

            stdout.WriteLine(error.ToJsonString(CliContext.Compact));
        }
        else
        {
            var word = UseColour(stderr) ? "\u001b[1;31merror\u001b[0m" : "error";
            stderr.WriteLine($"{word} {failure.Code}: {message}");
            if (failure.Hint is { } hint)
            {
                stderr.WriteLine(hint);
            }
        }

        if (failure.Code == Fontana.Core.Errors.ErrorCodes.InternalError && failure.InnerException is { } cause
            && (debug ?? Environment.GetEnvironmentVariable("FONTANA_DEBUG") == "1"))
        {
            stderr.WriteLine($"debug (FONTANA_DEBUG=1): {cause}");
        }

        stdout.Flush();
        stderr.Flush();
        return failure.ExitCode;
    }

    /// <summary>Colour only on the process's own stderr when it is a terminal, and never with <c>NO_COLOR</c> set.</summary>
    private static bool UseColour(TextWriter stderr) =>
        ReferenceEquals(stderr, Console.Error) && !Console.IsErrorRedirected && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"));
}
