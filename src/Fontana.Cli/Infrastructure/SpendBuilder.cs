using Fontana.Core.Errors;
using Fontana.Core;
using Fontana.Core.Api;
using Fontana.Core.Transactions;
using Fontana.Sdk;
using Fontana.Sdk.Wallet;

namespace Fontana.Cli.Infrastructure;

/// <summary>
/// Builds, signs and submits a spend from the wallet's unspent outputs as the node reports them. Several CLI
/// processes may share a wallet: coins are picked in random order, and when another process spent one first
/// (<c>input-spent</c>) the spend is rebuilt from fresh outputs, a few times, before failing with that code.
/// </summary>
internal static class SpendBuilder
{
    private const int MaxAttempts = 5;

    /// <summary>Spends at least <paramref name="needed"/> + the chain's minimum fee; <paramref name="shape"/> adds the
    /// outputs (and kind) to a builder holding the inputs; change goes back to the wallet.</summary>
    public static async Task<(Transaction Tx, ReceiptDto Receipt, Amount Fee)> SubmitAsync(
        FontanaClient client, WalletKeyFile wallet, Amount needed, Action<TransactionBuilder> shape, CancellationToken ct)
    {
        var info = await client.GetInfoAsync(ct);
        var fee = Amount.ParseUtia(info.MinFee);
        // A random memo per invocation: two processes paying the same amount to the same address from the same coin
        // must not build byte-identical transactions (the second would be an idempotent re-submission, not a payment).
        var nonce = System.Security.Cryptography.RandomNumberGenerator.GetBytes(16);
        for (var attempt = 1; ; attempt++)
        {
            var utxos = await client.GetUtxosAsync(wallet.Address, ct);
            var tx = Build(info.ChainId, wallet, utxos.Utxos, needed, fee, nonce, shape);
            try
            {
                var receipt = await client.SubmitTransactionAsync(Fontana.Core.Encoding.TransactionCodec.Encode(tx), ct);
                return (tx, receipt, fee);
            }
            catch (FontanaApiException ex) when (ex.Code == ErrorCodes.InputSpent && attempt < MaxAttempts)
            {
                await Task.Delay(Random.Shared.Next(20, 100) * attempt, ct);
            }
        }
    }

    private static Transaction Build(string chainId, WalletKeyFile wallet, IReadOnlyList<UtxoDto> utxos, Amount needed, Amount fee, byte[] nonce,
        Action<TransactionBuilder> shape)
    {
        var target = needed + fee;
        var candidates = utxos.Select(u => (OutPoint: OutPoint.Parse(u.OutPoint), Amount: Amount.ParseUtia(u.Amount))).ToArray();
        Random.Shared.Shuffle(candidates);
        var builder = new TransactionBuilder(chainId);
        var total = Amount.Zero;
        var inputs = 0;
        foreach (var (outPoint, amount) in candidates)
        {
            if (total >= target || inputs == Fontana.Core.Encoding.TransactionCodec.MaxInputs)
            {
                break;
            }

            builder.AddInput(outPoint);
            total += amount;
            inputs++;
        }

        if (total < target)
        {
            throw new CliFailure(CliErrorCodes.InsufficientFunds,
                $"the wallet holds {Sum(candidates)} in {candidates.Length} outputs; this needs {target} (fee {fee} included)");
        }

        shape(builder);
        builder.WithFee(fee).WithMemo(nonce);
        var change = total - target;
        if (!change.IsZero)
        {
            builder.AddOutput(wallet.Address, change);
        }

        return builder.Sign(wallet.PrivateKey);
    }

    private static Amount Sum(IEnumerable<(OutPoint OutPoint, Amount Amount)> coins)
    {
        var sum = Amount.Zero;
        foreach (var (_, amount) in coins)
        {
            sum += amount;
        }

        return sum;
    }
}
