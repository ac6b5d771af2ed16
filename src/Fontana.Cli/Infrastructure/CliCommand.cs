using System.CommandLine;
using Fontana.Core.Errors;

namespace Fontana.Cli.Infrastructure;

/// <summary>Runs a command's body with a <see cref="CliContext"/> and turns every failure into the CLI contract
/// (<see cref="CliErrorWriter"/>): a non-zero exit code and the error's code printed once.</summary>
internal static class CliCommand
{
    public static void SetHandler(Command command, Func<CliContext, CancellationToken, Task<int>> body)
    {
        command.SetAction(async (parse, cancellationToken) =>
        {
            var stdout = parse.InvocationConfiguration.Output;
            var stderr = parse.InvocationConfiguration.Error;
            var json = parse.GetValue(GlobalOptions.Json);
            try
            {
                var context = new CliContext(parse, stdout, stderr);
                return await body(context, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return CliErrorWriter.Write(stdout, stderr, json, Cancelled());
            }
            catch (Exception ex)
            {
                return CliErrorWriter.Write(stdout, stderr, json, CliFailures.From(ex));
            }
        });
    }

    /// <summary>The failure of a command interrupted with Ctrl-C.</summary>
    public static CliFailure Cancelled(string message = "cancelled (Ctrl-C)") => new(ErrorCodes.Cancelled, message, ExitCodes.Cancelled);
}
