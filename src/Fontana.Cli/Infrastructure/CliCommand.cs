using System.CommandLine;
using System.Text.Json.Nodes;
using Fontana.Ledger;
using Fontana.Node.Recovery;
using Fontana.Sdk;
using Fontana.Sdk.Wallet;
using Microsoft.Extensions.Options;

namespace Fontana.Cli.Infrastructure;

/// <summary>Runs a command's body with a <see cref="CliContext"/> and turns every failure into the CLI contract:
/// exit code non-zero, <c>error CODE: reason</c> on stderr, or <c>{"code","message"}</c> on stdout with <c>--json</c>.</summary>
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
            catch (CliException ex)
            {
                return Fail(stdout, stderr, json, ex.Code, ex.Message, ex.ExitCode);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return Fail(stdout, stderr, json, CliErrorCodes.Cancelled, "cancelled", 130);
            }
            catch (FontanaApiException ex)
            {
                return Fail(stdout, stderr, json, ex.Code, ex.Detail ?? ex.Message, 1);
            }
            catch (WalletException ex)
            {
                return Fail(stdout, stderr, json, ex.Code, ex.Message, 1);
            }
            catch (RecoveryException ex)
            {
                return Fail(stdout, stderr, json, ex.Code, ex.Message, 1);
            }
            catch (LedgerException ex)
            {
                return Fail(stdout, stderr, json, ex.Code, ex.Message, 1);
            }
            catch (OptionsValidationException ex)
            {
                return Fail(stdout, stderr, json, CliErrorCodes.InvalidConfiguration, string.Join("; ", ex.Failures), 1);
            }
            catch (HttpRequestException ex)
            {
                return Fail(stdout, stderr, json, CliErrorCodes.NodeUnreachable, $"cannot reach the node: {ex.Message}", 1);
            }
        });
    }

    /// <summary>Prints a failure per the contract and returns <paramref name="exitCode"/>.</summary>
    public static int Fail(TextWriter stdout, TextWriter stderr, bool json, string code, string message, int exitCode)
    {
        var oneLine = message.ReplaceLineEndings(" ");
        if (json)
        {
            stdout.WriteLine(new JsonObject { ["code"] = code, ["message"] = oneLine }.ToJsonString(CliContext.Compact));
        }
        else
        {
            stderr.WriteLine($"error {code}: {oneLine}");
        }

        return exitCode;
    }
}
