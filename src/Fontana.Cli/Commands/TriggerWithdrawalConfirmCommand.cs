using System.CommandLine;
using Fontana.Cli.Infrastructure;

namespace Fontana.Cli.Commands;

/// <summary><c>fontana trigger-withdrawal-confirm</c>.</summary>
internal static class TriggerWithdrawalConfirmCommand
{
    public static Command Create()
    {
        var command = new Command("trigger-withdrawal-confirm", "trigger-withdrawal-confirm");
        CliCommand.SetHandler(command, (_, _) => throw new CliException("not-implemented", "trigger-withdrawal-confirm is not implemented yet"));
        return command;
    }
}
