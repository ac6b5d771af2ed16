using System.CommandLine;
using System.Text.Json.Nodes;
using Fontana.Cli.Infrastructure;
using Fontana.Core;
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
                context.Note($"using the existing {genesisPath}");
            }
            else
            {
                var allocations = Allocations(context, context.Parse.GetValue(allocate) ?? []);
                genesis = await ChainSetup.CreateAsync(dataDir, context.Parse.GetValue(chainId)!, allocations,
                    CliParse.Duration(context.Parse.GetValue(interval)!, "--block-interval"), CliParse.Amount(context.Parse.GetValue(minFee), "--min-fee"),
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
                throw new CliException(CliErrorCodes.BadArgument, $"--allocate \"{spec}\": expected ADDRESS=AMOUNT");
            }

            return new GenesisAllocation(CliParse.Address(spec[..eq], "--allocate"), CliParse.Amount(spec[(eq + 1)..], "--allocate"));
        }).ToArray();
    }
}
