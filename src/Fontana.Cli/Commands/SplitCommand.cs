using System.CommandLine;
using Fontana.Cli.Infrastructure;

namespace Fontana.Cli.Commands;

/// <summary><c>fontana split</c>.</summary>
internal static class SplitCommand
{
    public static Command Create()
    {
        var command = new Command("split", "split");
        CliCommand.SetHandler(command, (_, _) => throw new CliException("not-implemented", "split is not implemented yet"));
        return command;
    }
}
