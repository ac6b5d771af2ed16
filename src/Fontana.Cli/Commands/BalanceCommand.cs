using System.CommandLine;
using Fontana.Cli.Infrastructure;

namespace Fontana.Cli.Commands;

/// <summary><c>fontana balance</c>.</summary>
internal static class BalanceCommand
{
    public static Command Create()
    {
        var command = new Command("balance", "balance");
        CliCommand.SetHandler(command, (_, _) => throw new CliException("not-implemented", "balance is not implemented yet"));
        return command;
    }
}
