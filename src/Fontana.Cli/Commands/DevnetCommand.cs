using System.CommandLine;
using Fontana.Cli.Infrastructure;

namespace Fontana.Cli.Commands;

/// <summary><c>fontana devnet</c>.</summary>
internal static class DevnetCommand
{
    public static Command Create()
    {
        var command = new Command("devnet", "devnet");
        CliCommand.SetHandler(command, (_, _) => throw new CliException("not-implemented", "devnet is not implemented yet"));
        return command;
    }
}
