using System.CommandLine;
using Fontana.Cli.Infrastructure;

namespace Fontana.Cli.Commands;

/// <summary><c>fontana transfer</c>.</summary>
internal static class TransferCommand
{
    public static Command Create()
    {
        var command = new Command("transfer", "transfer");
        CliCommand.SetHandler(command, (_, _) => throw new CliException("not-implemented", "transfer is not implemented yet"));
        return command;
    }
}
