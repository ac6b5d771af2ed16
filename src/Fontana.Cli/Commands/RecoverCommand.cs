using System.CommandLine;
using Fontana.Cli.Infrastructure;

namespace Fontana.Cli.Commands;

/// <summary><c>fontana recover</c>.</summary>
internal static class RecoverCommand
{
    public static Command Create()
    {
        var command = new Command("recover", "recover");
        CliCommand.SetHandler(command, (_, _) => throw new CliException("not-implemented", "recover is not implemented yet"));
        return command;
    }
}
