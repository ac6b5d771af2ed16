using System.CommandLine;
using Fontana.Cli.Infrastructure;

namespace Fontana.Cli.Commands;

/// <summary><c>fontana init</c>.</summary>
internal static class InitCommand
{
    public static Command Create()
    {
        var command = new Command("init", "init");
        CliCommand.SetHandler(command, (_, _) => throw new CliException("not-implemented", "init is not implemented yet"));
        return command;
    }
}
