namespace Fontana.Cli.Infrastructure;

/// <summary>A failure a command reports as <c>code</c> + one-line message and a non-zero exit code.</summary>
internal sealed class CliException : Exception
{
    public CliException(string code, string message, int exitCode = 1)
        : base(message)
    {
        Code = code;
        ExitCode = exitCode;
    }

    public CliException()
        : this("error", "the command failed")
    {
    }

    public CliException(string message)
        : this("error", message)
    {
    }

    public CliException(string message, Exception innerException)
        : base(message, innerException)
    {
        Code = "error";
        ExitCode = 1;
    }

    public string Code { get; }

    public int ExitCode { get; }
}
