using System.CommandLine;
using System.Text.Json.Nodes;
using Fontana.Cli.Infrastructure;
using Fontana.Core;
using Fontana.Core.Errors;
using Fontana.Ledger;
using Fontana.Ledger.Genesis;
using Fontana.Node.Chain;
using Fontana.Node.Options;

namespace Fontana.Cli.Commands;

/// <summary><c>fontana genesis create</c>: writes keys + genesis.json when missing, then block 0 into the store.</summary>
internal static class GenesisCommand
{
    public static Command Create()
    {
        var chainId = new Option<string>("--chain-id") { Description = "Chain id ([a-z0-9-], ≤ 32)", DefaultValueFactory = _ => "fontana-local" };
        var allocate = new Option<string[]>("--allocate")
        {
            Description = "ADDRESS=AMOUNT, repeatable (default: 1000 TIA to the wallet)",
            AllowMultipleArgumentsPerToken = false,
        };
        var interval = new Option<string>("--block-interval") { Description = "Block interval", DefaultValueFactory = _ => "6s" };
        var minFee = new Option<string>("--min-fee") { Description = "Minimum fee", DefaultValueFactory = _ => "100utia" };
        var create = new Command("create", "Create genesis.json (if missing) and the sequencer/bridge keys in the data dir, then write block 0 to the store")
        {
            chainId, allocate, interval, minFee,
        };
        CliCommand.SetHandler(create, async (context, ct) =>
        {
            var dataDir = context.DataDir("~/.fontana");
            var genesisPath = Path.Combine(dataDir, ChainSetup.GenesisFile);
            GenesisDocument genesis;
            if (File.Exists(genesisPath))
            {
                genesis = await GenesisDocument.LoadAsync(genesisPath, ct);
                RefuseOtherChain(context, genesis, genesisPath, chainId, allocate, interval, minFee);
                context.Note($"using the existing {genesisPath}");
            }
            else
            {
                var allocations = Allocations(context, context.Parse.GetValue(allocate) ?? []);
                genesis = await ChainSetup.CreateAsync(dataDir, context.Parse.GetValue(chainId)!, allocations,
                    CliParse.Duration(context.Parse.GetValue(interval)!, "--block-interval"), CliParse.Amount(context.Parse.GetValue(minFee), "--min-fee", allowZero: true),
                    TimeProvider.System, ct);
            }

            var options = new FontanaNodeOptions { DataDir = dataDir };
            var ledgerOptions = await LedgerOptionsFactory.CreateAsync(options, TimeProvider.System, ct);
            await using var ledger = await LedgerHost.OpenAsync(ledgerOptions, ct);
            var block0 = (await ledger.GetHeaderAsync(0, ct))!;
            if (context.Json)
            {
                context.WriteJson(new JsonObject
                {
                    ["chainId"] = genesis.ChainId,
                    ["genesisHash"] = genesis.Hash.ToString(),
                    ["blockHash"] = block0.Hash.ToString(),
                    ["stateRoot"] = block0.StateRoot.ToString(),
                    ["dataDir"] = dataDir,
                });
            }
            else
            {
                context.Line($"chain {genesis.ChainId}: genesis {genesis.Hash}");
                context.Line($"block 0 {block0.Hash}, state root {block0.StateRoot}");
                context.Line($"data dir {dataDir}; run it with: fontana node --data-dir {dataDir}");
            }

            return 0;
        });
        var command = new Command("genesis", "Chain genesis");
        command.Subcommands.Add(create);
        return command;
    }

    /// <summary>Options given explicitly that describe another chain than the one already in the data dir are refused
    /// (<c>genesis-mismatch</c>): the command would otherwise keep the old chain and report success.</summary>
    private static void RefuseOtherChain(CliContext context, GenesisDocument existing, string genesisPath,
        Option<string> chainId, Option<string[]> allocate, Option<string> interval, Option<string> minFee)
    {
        var differences = new List<string>();
        if (Given(context, chainId) && context.Parse.GetValue(chainId) != existing.ChainId)
        {
            differences.Add($"--chain-id {context.Parse.GetValue(chainId)} (it holds {existing.ChainId})");
        }

        if (Given(context, interval) && CliParse.Duration(context.Parse.GetValue(interval)!, "--block-interval") != existing.BlockInterval)
        {
            differences.Add($"--block-interval {context.Parse.GetValue(interval)}");
        }

        if (Given(context, minFee) && CliParse.Amount(context.Parse.GetValue(minFee), "--min-fee", allowZero: true) != existing.MinFee)
        {
            differences.Add($"--min-fee {context.Parse.GetValue(minFee)} (it has {existing.MinFee})");
        }

        if (Given(context, allocate))
        {
            differences.Add("--allocate (allocations are fixed when a genesis is created)");
        }

        if (differences.Count > 0)
        {
            throw new CliFailure(ErrorCodes.GenesisMismatch,
                $"{genesisPath} already holds chain {existing.ChainId}; {string.Join(", ", differences)} would be another chain: use a new --data-dir");
        }
    }

    private static bool Given(CliContext context, Option option) => context.Parse.GetResult(option) is { Implicit: false };

    private static GenesisAllocation[] Allocations(CliContext context, string[] specs)
    {
        if (specs.Length == 0)
        {
            return [new GenesisAllocation(CliWallet.ReadAddress(context), Amount.FromTia(1000))];
        }

        return specs.Select(spec =>
        {
            var eq = spec.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                throw new CliFailure(CliErrorCodes.BadArgument, $"--allocate \"{spec}\": expected ADDRESS=AMOUNT");
            }

            return new GenesisAllocation(CliParse.Address(spec[..eq], "--allocate"), CliParse.Amount(spec[(eq + 1)..], "--allocate"));
        }).ToArray();
    }
}
