using System.CommandLine;
using Fontana.Cli.Infrastructure;

namespace Fontana.Cli.Commands;

/// <summary><c>fontana node</c>.</summary>
internal static class NodeCommand
{
    public static Command Create()
    {
        var command = new Command("node", "node");
        CliCommand.SetHandler(command, (_, _) => throw new CliException("not-implemented", "node is not implemented yet"));
        return command;
    }
}
