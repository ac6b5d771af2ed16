using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Fontana.Cli.Infrastructure;
using Fontana.Core;
using Fontana.Sdk;
using Fontana.Sdk.Subscriptions;
using Fontana.Sdk.Transports;

namespace Fontana.Cli.Commands;

/// <summary>
/// <c>fontana watch [headers [--from H] | tx TXID | address ADDR]</c> (headers when none is named): prints the node's live stream until Ctrl-C — block
/// headers verified like a light client (sequencer key from the node's genesis), a transaction's status (ends at
/// <c>posted</c>), or an address's activity; one line each, or one JSON object per line with <c>--json</c>.
/// </summary>
internal static class WatchCommand
{
    public static Command Create()
    {
        var from = new Option<ulong?>("--from") { Description = "First header height (default: after the current tip)" };
        var headers = new Command("headers", "New block headers, verified (signature, parent hash)") { from };
        var txId = new Argument<string>("TXID") { Description = "The transaction id (64 hex characters)" };
        var tx = new Command("tx", "A transaction's status until it is posted") { txId };
        var address = new Argument<string>("ADDR") { Description = "A fnt1… address" };
        var activity = new Command("address", "Transactions touching an address as their status changes") { address };
        var command = new Command("watch", "Live headers (verified), a transaction's status or an address's activity; Ctrl-C stops") { headers, tx, activity };
        CliCommand.SetHandler(headers, (context, ct) => RunAsync(context, ct, (subscriptions, token) => WatchHeadersAsync(context, subscriptions, context.Parse.GetValue(from), token)));
        CliCommand.SetHandler(command, (context, ct) => RunAsync(context, ct, (subscriptions, token) => WatchHeadersAsync(context, subscriptions, null, token)));
        CliCommand.SetHandler(tx, (context, ct) => RunAsync(context, ct, async (subscriptions, token) =>
        {
            var text = context.Parse.GetValue(txId)!;
            if (text.Length != 64 || !Hash32.TryParse(text, out var id))
            {
                throw new CliFailure(CliErrorCodes.BadArgument, $"TXID must be 64 hex characters (got '{text}')");
            }

            await foreach (var update in subscriptions.TransactionAsync(id, token))
            {
                Print(context, new JsonObject
                {
                    ["type"] = "tx", ["txId"] = update.TxId.ToString(), ["status"] = update.Status, ["blockHeight"] = update.BlockHeight,
                    ["blockHash"] = update.BlockHash, ["daReference"] = update.DaReference,
                }, $"tx {update.TxId} {update.Status}{Block(update.BlockHeight)}");
            }
        }));
        CliCommand.SetHandler(activity, (context, ct) => RunAsync(context, ct, async (subscriptions, token) =>
        {
            var text = context.Parse.GetValue(address)!;
            if (!Address.TryParse(text, out var who, out var error))
            {
                throw new CliFailure(CliErrorCodes.BadAddress, $"ADDR: {error}");
            }

            await foreach (var change in subscriptions.AddressAsync(who, token))
            {
                Print(context, new JsonObject
                {
                    ["type"] = "address", ["address"] = change.Address.ToString(), ["txId"] = change.TxId.ToString(), ["status"] = change.Status,
                    ["blockHeight"] = change.BlockHeight,
                }, $"address {change.Address} tx {change.TxId} {change.Status}{Block(change.BlockHeight)}");
            }
        }));
        return command;
    }

    private static async Task WatchHeadersAsync(CliContext context, FontanaSubscriptions subscriptions, ulong? from, CancellationToken token)
    {
        await foreach (var header in subscriptions.HeadersAsync(from, token))
        {
            Print(context, new JsonObject
            {
                ["type"] = "header", ["height"] = header.Height, ["hash"] = header.Hash.ToString(), ["previousHash"] = header.PreviousHash.ToString(),
                ["timestamp"] = header.Timestamp, ["txCount"] = header.TxCount, ["stateRoot"] = header.StateRoot.ToString(), ["verified"] = true,
            }, $"header {header.Height} {header.Hash} txs {header.TxCount} (parent {Short(header.PreviousHash)}, signature verified)");
        }
    }

    private static async Task<int> RunAsync(CliContext context, CancellationToken cancellationToken, Func<FontanaSubscriptions, CancellationToken, Task> watch)
    {
        using var client = new FontanaClient(new WebSocketNodeTransport(context.NodeUrl), ownsTransport: true);
        try
        {
            await watch(new FontanaSubscriptions(client), cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return 0; // Ctrl-C is how a watch ends.
        }

        return 0;
    }

    private static void Print(CliContext context, JsonObject json, string line)
    {
        if (context.Json)
        {
            context.WriteJson(json);
        }
        else
        {
            context.Line(line);
        }

        context.Out.Flush();
    }

    private static string Block(ulong? height) => height is { } h ? " in block " + h.ToString(CultureInfo.InvariantCulture) : string.Empty;

    private static string Short(Hash32 hash) => hash.ToString()[..12];
}
