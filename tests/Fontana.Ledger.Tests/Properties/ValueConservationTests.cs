using FsCheck;
using FsCheck.Fluent;
using Fontana.Core;
using Fontana.Core.Transactions;
using Fontana.Ledger.Tests.Infrastructure;

namespace Fontana.Ledger.Tests.Properties;

/// <summary>
/// Over random streams of transfers (valid and invalid), deposits, withdrawals, resubmissions and seals: the unspent
/// set is exactly the model's, and its sum is genesis + deposits − withdrawals (fees included, as outputs).
/// </summary>
public sealed class ValueConservationTests
{
    [Fact]
    public void RandomTransactionStreams_ConserveValueExactly() =>
        Prop.ForAll(Arb.From(Gen.ArrayOf(Gen.Choose(0, int.MaxValue))), script => RunAsync(script).GetAwaiter().GetResult())
            .Check(Config.QuickThrowOnFailure.WithMaxTest(25));

    private static async Task<bool> RunAsync(int[] script)
    {
        using var chain = new TestChain(wallets: 3, allocationsPerWallet: 3, amount: 1_000_000, minFee: 10);
        await using var target = new SqliteTarget();
        await using var ledger = await LedgerHost.OpenAsync(chain.Options(target));
        var model = new List<(OutPoint OutPoint, int Owner, ulong Amount)>();
        for (var w = 0; w < 3; w++)
        {
            for (var k = 0; k < 3; k++)
            {
                model.Add((chain.Allocation(w, k), w, 1_000_000));
            }
        }

        ulong deposits = 0, withdrawals = 0, fees = 0;
        Transaction? last = null;
        var depositCount = 0;
        foreach (var step in script)
        {
            var random = new Random(step);
            var op = random.Next(8);
            var owner = random.Next(3);
            var mine = model.Where(u => u.Owner == owner).ToList();
            switch (op)
            {
                case <= 2 when mine.Count > 0:
                {
                    var inputs = mine.OrderBy(_ => random.Next()).Take(random.Next(1, 4)).ToList();
                    var total = inputs.Aggregate(0UL, (s, u) => s + u.Amount);
                    var fee = 10 + (ulong)random.Next(0, 5);
                    if (total <= fee + 3)
                    {
                        break;
                    }

                    var outputs = Split(random, total - fee, random.Next(1, 4)).Select(a => (To: random.Next(3), Amount: a)).ToList();
                    var tx = chain.Transfer(chain.Wallets[owner], inputs.Select(u => u.OutPoint), fee, [.. outputs.Select(o => (chain.WalletAddress(o.To), o.Amount))]);
                    (await ledger.ApplyAsync(tx)).IsAccepted.ShouldBeTrue();
                    model.RemoveAll(u => inputs.Contains(u));
                    model.AddRange(outputs.Select((o, i) => (new OutPoint(tx.TxId, (ushort)i), o.To, o.Amount)));
                    fees += fee;
                    last = tx;
                    break;
                }

                case 3 when mine.Count > 0:
                {
                    var input = mine[random.Next(mine.Count)];
                    if (input.Amount <= 10)
                    {
                        // input − 10 + 1 would wrap below zero (or be 0): the stateless rules reject that first
                        // (amount-overflow / zero amount), not the not-owner / value-mismatch this step is about.
                        break;
                    }

                    var wrongSigner = random.Next(2) == 0;
                    var signer = chain.Wallets[wrongSigner ? (owner + 1) % 3 : owner];
                    var tx = chain.Transfer(signer, [input.OutPoint], 10, (chain.WalletAddress(0), input.Amount - 10 + 1));
                    (await ledger.ApplyAsync(tx)).Code.ShouldBe(wrongSigner ? "not-owner" : "value-mismatch");
                    break;
                }

                case 4:
                {
                    var amount = (ulong)random.Next(1, 1_000_000);
                    var result = await ledger.ProcessDepositAsync("deposit-" + depositCount++, chain.WalletAddress(owner), Amount.FromUtia(amount));
                    result.IsAccepted.ShouldBeTrue();
                    model.Add((new OutPoint(result.TxId, 0), owner, amount));
                    deposits += amount;
                    break;
                }

                case 5 when mine.Count > 0:
                {
                    var input = mine[random.Next(mine.Count)];
                    if (input.Amount <= 11)
                    {
                        break;
                    }

                    var change = (ulong)random.NextInt64(0, (long)(input.Amount - 11));
                    var builder = new TransactionBuilder(TestChain.ChainId, TransactionKind.Withdrawal)
                        .AddInput(input.OutPoint).WithFee(chain.MinFee).WithExternalRef(Fontana.Core.Bridge.CelestiaAddress.FromBytes(new byte[20] { (byte)step, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19 }).Text);
                    if (change > 0)
                    {
                        builder.AddOutput(chain.WalletAddress(owner), Amount.FromUtia(change));
                    }

                    var tx = builder.Sign(chain.Wallets[owner]);
                    (await ledger.ApplyAsync(tx)).IsAccepted.ShouldBeTrue();
                    model.Remove(input);
                    if (change > 0)
                    {
                        model.Add((new OutPoint(tx.TxId, 0), owner, change));
                    }

                    withdrawals += input.Amount - change - 10;
                    fees += 10;
                    break;
                }

                case 6 when last is not null:
                    (await ledger.ApplyAsync(last)).AlreadyApplied.ShouldBeTrue();
                    break;

                case 7:
                    await ledger.SealAsync();
                    break;
            }
        }

        var genesis = chain.Genesis.TotalAllocated.Utia;
        (await StoreInspector.TotalUnspentAsync(target)).Utia.ShouldBe(genesis + deposits - withdrawals);
        (await ledger.GetBalanceAsync(chain.FeeAddress)).Utia.ShouldBe(fees);
        var expected = model.Select(u => u.OutPoint).ToHashSet();
        for (var w = 0; w < 3; w++)
        {
            foreach (var utxo in await ledger.GetUtxosAsync(chain.WalletAddress(w)))
            {
                expected.Remove(utxo.OutPoint).ShouldBeTrue($"unexpected unspent output {utxo.OutPoint}");
            }
        }

        expected.ShouldBeEmpty();
        (await ledger.SealAsync()).Header.StateRoot.ShouldBe(await StoreInspector.StateRootAsync(target));
        return true;
    }

    /// <summary>Splits <paramref name="total"/> into up to <paramref name="parts"/> positive amounts.</summary>
    private static List<ulong> Split(Random random, ulong total, int parts)
    {
        var result = new List<ulong>();
        var left = total;
        for (var i = 0; i < parts - 1 && left > 1; i++)
        {
            var take = (ulong)random.NextInt64(1, (long)left);
            result.Add(take);
            left -= take;
        }

        result.Add(left);
        return result;
    }
}
