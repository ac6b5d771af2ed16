using System.CommandLine;
using Fontana.Cli.Commands;
using Fontana.Cli.Infrastructure;

namespace Fontana.Cli;

/// <summary>The <c>fontana</c> command tree (BRIEF §5) and its entry point.</summary>
internal static class CliApp
{
    public static RootCommand BuildRoot()
    {
        var root = new RootCommand("fontana: pay-per-call payments on a UTXO rollup (node, wallet, devnet, recovery, load tools)");
        GlobalOptions.AddTo(root);
        foreach (var command in Commands())
        {
            root.Subcommands.Add(command);
        }

        return root;
    }

    /// <summary>Top-level commands. Helpers adding commands (call, bench calls) add one line here or in
    /// <see cref="BenchCommand"/>.</summary>
    private static IEnumerable<Command> Commands() =>
    [
        DevnetCommand.Create(),
        NodeCommand.Create(),
        GenesisCommand.Create(),
        InitCommand.Create(),
        ShowCommand.Create(),
        BalanceCommand.Create(),
        UtxosCommand.Create(),
        TransferCommand.Create(),
        CallCommand.Create(),
        SplitCommand.Create(),
        WithdrawCommand.Create(),
        WithdrawalsCommand.Create(),
        DepositCommand.Create(),
        TriggerDepositCommand.Create(),
        TriggerWithdrawalConfirmCommand.Create(),
        RecoverCommand.Create(),
        BenchCommand.Create(),
        PermissionsCommand.CreateBudget(),
        PermissionsCommand.CreatePermissions(),
        ReceiptsCommand.Create(),
        SessionsCommand.Create(),
        WalletCommand.Create(),
        DiscoverCommand.Create(),
        WatchCommand.Create(),
    ];

    /// <summary>The one top-level handler: parse errors become <c>error usage: …</c> (exit 2), and nothing thrown
    /// anywhere reaches the runtime's unhandled-exception printer.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var json = args.Contains("--json", StringComparer.Ordinal);
        try
        {
            LoadDotEnv();
            var parse = BuildRoot().Parse(args);
            if (parse.Errors.Count > 0)
            {
                return CliErrorWriter.Write(stdout, stderr, json, UsageErrors.From(parse));
            }

            var config = new InvocationConfiguration
            {
                Output = stdout,
                Error = stderr,
                EnableDefaultExceptionHandler = false,
                ProcessTerminationTimeout = TimeSpan.FromSeconds(5), // time to say what a Ctrl-C interrupted
            };
            return await parse.InvokeAsync(config);
        }
        catch (OperationCanceledException)
        {
            return CliErrorWriter.Write(stdout, stderr, json, CliCommand.Cancelled());
        }
        catch (Exception ex)
        {
            return CliErrorWriter.Write(stdout, stderr, json, CliFailures.From(ex));
        }
    }

    /// <summary>A <c>.env</c> file in the working directory fills environment variables that are not already set
    /// (e.g. <c>FONTANA__Bridge__ApiKey</c>, <c>FONTANA_WALLET</c>).</summary>
    private static void LoadDotEnv()
    {
        var path = Path.Combine(Directory.GetCurrentDirectory(), ".env");
        if (File.Exists(path))
        {
            DotNetEnv.Env.NoClobber().Load(path);
        }
    }
}
