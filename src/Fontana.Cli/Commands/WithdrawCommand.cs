using System.CommandLine;
using Fontana.Cli.Infrastructure;

namespace Fontana.Cli.Commands;

/// <summary><c>fontana withdraw</c>.</summary>
internal static class WithdrawCommand
{
    public static Command Create()
    {
        var command = new Command("withdraw", "withdraw");
        CliCommand.SetHandler(command, (_, _) => throw new CliException("not-implemented", "withdraw is not implemented yet"));
        return command;
    }
}
