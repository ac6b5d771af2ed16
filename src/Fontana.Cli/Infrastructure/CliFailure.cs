using System.Text.Json.Nodes;
using Fontana.Core.Errors;

namespace Fontana.Cli.Infrastructure;

/// <summary>
/// A failure a command reports: a stable <see cref="Code"/> from <see cref="ErrorCodes"/>, a one-line reason, and the
/// process exit code (<see cref="ExitCodes"/>: 1 for failures, 2 for usage errors, 130 for Ctrl-C). Every other
/// exception is turned into one of these by <see cref="CliFailures.From"/>, so the CLI never prints a stack trace.
/// </summary>
internal sealed class CliFailure : Exception
{
    public CliFailure(string code, string message, int exitCode = ExitCodes.Failure, Exception? innerException = null)
        : base(message, innerException)
    {
        Code = code;
        ExitCode = exitCode;
    }

    public CliFailure()
        : this(ErrorCodes.Failed, "the command failed")
    {
    }

    public CliFailure(string message)
        : this(ErrorCodes.Failed, message)
    {
    }

    public CliFailure(string message, Exception innerException)
        : this(ErrorCodes.Failed, message, ExitCodes.Failure, innerException)
    {
    }

    /// <summary>The stable kebab-case code, printed once.</summary>
    public string Code { get; }

    /// <summary>The process exit code.</summary>
    public int ExitCode { get; }

    /// <summary>Fields added to the <c>--json</c> error object next to <c>code</c> and <c>message</c> (e.g. a txid).</summary>
    public JsonObject? Details { get; init; }

    /// <summary>A hint printed on a second line for humans (the short usage of a command); not part of the JSON.</summary>
    public string? Hint { get; init; }

    /// <summary>A usage error: <c>error usage: …</c>, exit 2.</summary>
    public static CliFailure Usage(string message, string? hint = null) => new(ErrorCodes.Usage, message, ExitCodes.Usage) { Hint = hint };
}
