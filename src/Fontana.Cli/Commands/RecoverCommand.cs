using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Fontana.Cli.Infrastructure;
using Fontana.Core.Errors;
using Fontana.DataAvailability;
using Fontana.DataAvailability.Celestia;
using Fontana.DataAvailability.Local;
using Fontana.Ledger;
using Fontana.Node.Recovery;
using Microsoft.Extensions.Logging.Abstractions;

namespace Fontana.Cli.Commands;

/// <summary><c>fontana recover --data-dir NEW (--da-dir PATH | --celestia URL --namespace HEX [--token T] [--from-height H])</c>.</summary>
internal static class RecoverCommand
{
    public static Command Create()
    {
        var daDir = new Option<string?>("--da-dir") { Description = "Local DA directory (holding da-blocks.fdar, or a data dir with da/)" };
        var celestia = new Option<string?>("--celestia") { Description = "celestia-node RPC URL" };
        var ns = new Option<string?>("--namespace") { Description = "Celestia namespace id (hex, 10 bytes)" };
        var token = new Option<string?>("--token") { Description = "celestia-node auth token (or $FONTANA_CELESTIA_TOKEN)" };
        var from = new Option<ulong?>("--from-height") { Description = "First DA height to scan (default 1, or where an interrupted recovery into --data-dir stopped)" };
        var command = new Command("recover", "Rebuild a store from DA alone, verifying every root; prints the last height, block hash and state root")
        {
            daDir, celestia, ns, token, from,
        };
        CliCommand.SetHandler(command, async (context, ct) =>
        {
            var target = context.DataDirOption is { } d
                ? Fontana.Node.Options.FontanaNodeOptions.ExpandHome(d)
                : throw CliFailure.Usage("--data-dir NEW is required: the directory of the rebuilt store");
            var sqlite = Path.Combine(target, "ledger.db");
            if (File.Exists(sqlite) && !File.Exists(Path.Combine(target, RecoveryCheckpoint.FileName)))
            {
                throw new CliFailure(ErrorCodes.StoreNotEmpty, $"{sqlite} exists and was not made by recover; recover into a new data directory");
            }

            var (da, owner) = OpenDa(context.Parse.GetValue(daDir), context.Parse.GetValue(celestia), context.Parse.GetValue(ns),
                context.Parse.GetValue(token));
            using var disposeDa = owner;
            Directory.CreateDirectory(target);
            var progress = new Progress<ulong>(h =>
            {
                if (h % 1000 == 0)
                {
                    context.Note($"replayed block {h}");
                }
            });
            var recovery = new ChainRecovery(da, NullLogger.Instance);
            var result = await recovery.RecoverAsync(new LedgerOptions { SqlitePath = sqlite }, context.Parse.GetValue(from), target, progress, ct);
            var seconds = result.Elapsed.TotalSeconds;
            var rate = seconds > 0 ? result.Transactions / seconds : 0;
            if (context.Json)
            {
                context.WriteJson(new JsonObject
                {
                    ["height"] = result.Height,
                    ["blockHash"] = result.BlockHash.ToString(),
                    ["stateRoot"] = result.StateRoot.ToString(),
                    ["chainId"] = result.ChainId,
                    ["blocks"] = result.Blocks,
                    ["transactions"] = result.Transactions,
                    ["seconds"] = Math.Round(seconds, 3),
                    ["txPerSecond"] = Math.Round(rate, 1),
                });
            }
            else
            {
                context.Line($"recovered chain {result.ChainId} into {target}");
                context.Line($"height      {result.Height}");
                context.Line($"block hash  {result.BlockHash}");
                context.Line($"state root  {result.StateRoot}");
                context.Line(string.Create(CultureInfo.InvariantCulture, $"{result.Blocks} blocks, {result.Transactions} transactions in {seconds:0.00}s ({rate:0} tx/s)"));
            }

            return 0;
        });
        return command;
    }

    private static (IDataAvailability Layer, IDisposable Owner) OpenDa(string? daDir, string? celestiaUrl, string? ns, string? token)
    {
        if ((daDir is null) == (celestiaUrl is null))
        {
            throw CliFailure.Usage("give exactly one source: --da-dir PATH or --celestia URL --namespace HEX");
        }

        if (daDir is not null)
        {
            var dir = Fontana.Node.Options.FontanaNodeOptions.ExpandHome(daDir);
            if (!File.Exists(Path.Combine(dir, LocalDataAvailability.FileName)) && File.Exists(Path.Combine(dir, "da", LocalDataAvailability.FileName)))
            {
                dir = Path.Combine(dir, "da");
            }

            if (!File.Exists(Path.Combine(dir, LocalDataAvailability.FileName)))
            {
                throw new CliFailure(CliErrorCodes.BadArgument, $"no local DA file ({LocalDataAvailability.FileName}) in {dir}");
            }

            var local = LocalDataAvailability.OpenReadOnly(dir); // the source is never written, not even a torn tail
            return (local, local);
        }

        var options = new CelestiaOptions
        {
            Url = celestiaUrl!,
            NamespaceId = ns ?? throw CliFailure.Usage("--celestia needs --namespace HEX"),
            AuthToken = token ?? Environment.GetEnvironmentVariable("FONTANA_CELESTIA_TOKEN"),
        };
        var errors = options.Validate("--celestia");
        if (errors.Count > 0)
        {
            throw new CliFailure(CliErrorCodes.BadArgument, string.Join("; ", errors));
        }

        var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        return (new CelestiaDataAvailability(http, options), http);
    }
}
