using System.CommandLine;
using Fontana.Cli.Infrastructure;

namespace Fontana.Cli.Commands;

/// <summary><c>fontana bench</c>.</summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var command = new Command("bench", "bench");
        CliCommand.SetHandler(command, (_, _) => throw new CliException("not-implemented", "bench is not implemented yet"));
        return command;
    }
}
