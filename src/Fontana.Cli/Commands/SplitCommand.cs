using System.CommandLine;
using System.Text.Json.Nodes;
using Fontana.Cli.Infrastructure;
using Fontana.Core.Encoding;
using Fontana.Sdk;

namespace Fontana.Cli.Commands;

/// <summary><c>fontana split --count N --amount A</c>: N outputs of A to the wallet itself (coins for concurrent payments).</summary>
internal static class SplitCommand
{
    public static Command Create()
    {
        var count = new Option<int>("--count") { Description = "Number of new outputs", Required = true };
        var amount = new Option<string>("--amount") { Description = "Amount of each output, e.g. \"0.01 TIA\"", Required = true };
        var command = new Command("split", "Split the wallet's coins into --count outputs of --amount each") { count, amount };
        CliCommand.SetHandler(command, async (context, ct) =>
        {
            var n = context.Parse.GetValue(count);
            if (n is < 1 || n >= TransactionCodec.MaxOutputs)
            {
                throw new CliFailure(CliErrorCodes.BadArgument, $"--count must be between 1 and {TransactionCodec.MaxOutputs - 1}");
            }

            var each = CliParse.Amount(context.Parse.GetValue(amount), "--amount");
            if (each.IsZero)
            {
                throw new CliFailure(CliErrorCodes.BadAmount, "--amount must be more than 0");
            }

            using var wallet = CliWallet.Load(context);
            using var client = new FontanaClient(context.NodeUrl);
            var (tx, receipt, fee) = await SpendBuilder.SubmitAsync(client, wallet, each * (ulong)n, b =>
            {
                for (var i = 0; i < n; i++)
                {
                    b.AddOutput(wallet.Address, each);
                }
            }, ct);
            if (context.Json)
            {
                context.WriteJson(new JsonObject
                {
                    ["txId"] = tx.TxId.ToString(),
                    ["outputs"] = n,
                    ["amount"] = each.Utia.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    ["fee"] = fee.Utia.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    ["sequence"] = receipt.Sequence,
                });
            }
            else
            {
                context.Line($"split into {n} outputs of {each} (fee {fee}); txid {tx.TxId}");
            }

            return 0;
        });
        return command;
    }
}
