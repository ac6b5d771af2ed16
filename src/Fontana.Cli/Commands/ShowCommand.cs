using System.CommandLine;
using Fontana.Cli.Infrastructure;

namespace Fontana.Cli.Commands;

/// <summary><c>fontana show</c>.</summary>
internal static class ShowCommand
{
    public static Command Create()
    {
        var command = new Command("show", "show");
        CliCommand.SetHandler(command, (_, _) => throw new CliException("not-implemented", "show is not implemented yet"));
        return command;
    }
}
