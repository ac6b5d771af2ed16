using System.CommandLine;
using Fontana.Cli.Infrastructure;

namespace Fontana.Cli.Commands;

/// <summary><c>fontana genesis</c>.</summary>
internal static class GenesisCommand
{
    public static Command Create()
    {
        var command = new Command("genesis", "genesis");
        CliCommand.SetHandler(command, (_, _) => throw new CliException("not-implemented", "genesis is not implemented yet"));
        return command;
    }
}
