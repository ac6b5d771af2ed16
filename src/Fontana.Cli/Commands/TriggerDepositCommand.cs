using System.CommandLine;
using Fontana.Cli.Infrastructure;

namespace Fontana.Cli.Commands;

/// <summary><c>fontana trigger-deposit</c>.</summary>
internal static class TriggerDepositCommand
{
    public static Command Create()
    {
        var command = new Command("trigger-deposit", "trigger-deposit");
        CliCommand.SetHandler(command, (_, _) => throw new CliException("not-implemented", "trigger-deposit is not implemented yet"));
        return command;
    }
}
