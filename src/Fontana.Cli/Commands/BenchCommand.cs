using System.CommandLine;

namespace Fontana.Cli.Commands;

/// <summary><c>fontana bench ledger | recover | all | calls</c>: the load tools. (The <c>calls</c> subcommand is added by
/// <c>BenchCallsCommand</c> next to this file.)</summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var command = new Command("bench", "Load tools; --json prints one JSON object");
        command.Subcommands.Add(BenchLedgerCommand.Create());
        command.Subcommands.Add(BenchRecoverCommand.Create());
        command.Subcommands.Add(BenchAllCommand.Create());
        command.Subcommands.Add(BenchCallsCommand.Create());
        command.Subcommands.Add(BenchCallsWorkerCommand.Create());
        return command;
    }
}
