namespace Fontana.Cli.Infrastructure;

/// <summary>The <c>fontana</c> command's exit codes (docs/cli.md).</summary>
internal static class ExitCodes
{
    /// <summary>The command did what it was asked.</summary>
    public const int Success = 0;

    /// <summary>The command failed; stderr (or the <c>--json</c> object) names the code.</summary>
    public const int Failure = 1;

    /// <summary>The command line is not valid (<c>error usage: …</c>).</summary>
    public const int Usage = 2;

    /// <summary>Interrupted with Ctrl-C (128 + SIGINT).</summary>
    public const int Cancelled = 130;
}
