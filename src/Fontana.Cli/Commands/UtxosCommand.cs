using System.CommandLine;
using Fontana.Cli.Infrastructure;

namespace Fontana.Cli.Commands;

/// <summary><c>fontana utxos</c>.</summary>
internal static class UtxosCommand
{
    public static Command Create()
    {
        var command = new Command("utxos", "utxos");
        CliCommand.SetHandler(command, (_, _) => throw new CliException("not-implemented", "utxos is not implemented yet"));
        return command;
    }
}
