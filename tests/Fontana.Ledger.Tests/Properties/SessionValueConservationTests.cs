using FsCheck;
using FsCheck.Fluent;
using Fontana.Core;
using Fontana.Core.Sessions;
using Fontana.Ledger.Tests.Infrastructure;

namespace Fontana.Ledger.Tests.Properties;

/// <summary>
/// Over random streams of session opens, vouchers, claims (some stale or racing), top-ups, closes by either side,
/// reclaims (before and after expiry) and seals: unspent outputs + what open sessions lock = genesis exactly, every
/// session is exactly the model's, and the state root is the one rebuilt from the store alone.
/// </summary>
public sealed class SessionValueConservationTests
{
    private sealed class ModelSession(Hash32 id, int payer, int payee, ulong deposit, ulong expiry)
    {
        public Hash32 Id { get; } = id;

        public int Payer { get; } = payer;

        public int Payee { get; } = payee;

        public ulong Deposit { get; set; } = deposit;

        public ulong Expiry { get; set; } = expiry;

        public ulong Claimed { get; set; }

        public ulong ClaimedCounter { get; set; }

        public ulong Spent { get; set; }

        public ulong Counter { get; set; }

        public bool Closed { get; set; }
    }

    [Fact]
    public void RandomSessionStreams_ConserveValueExactly() =>
        Prop.ForAll(Arb.From(Gen.ArrayOf(Gen.Choose(0, int.MaxValue))), script => RunAsync(script).GetAwaiter().GetResult())
            .Check(Config.QuickThrowOnFailure.WithMaxTest(20));

    private static async Task<bool> RunAsync(int[] script)
    {
        using var chain = new TestChain(wallets: 3, allocationsPerWallet: 2, amount: 1_000_000, minFee: 10);
        var time = TestClock.Create();
        await using var target = new SqliteTarget();
        await using var ledger = await LedgerHost.OpenAsync(chain.Options(target, time));
        var s = new SessionTxs(chain);
        var sessionKey = TestChain.Key("property-session-key");
        var sessions = new List<ModelSession>();
        ulong fees = 0;
        foreach (var step in script)
        {
            var random = new Random(step);
            var now = (ulong)time.GetUtcNow().ToUnixTimeSeconds();
            var open = sessions.Where(x => !x.Closed).ToList();
            var session = open.Count > 0 ? open[random.Next(open.Count)] : null;
            switch (random.Next(9))
            {
                case 0 or 1:
                {
                    var payer = random.Next(3);
                    var payee = (payer + 1 + random.Next(2)) % 3;
                    var coins = await ledger.GetUtxosAsync(chain.WalletAddress(payer));
                    var coin = coins.Where(c => c.Output.Amount.Utia > 100).OrderBy(_ => random.Next()).FirstOrDefault();
                    if (coin is null)
                    {
                        break;
                    }

                    var deposit = (ulong)random.NextInt64(1, (long)coin.Output.Amount.Utia - 10);
                    var tx = s.OpenFrom(chain.Wallets[payer], coin.OutPoint, coin.Output.Amount.Utia, chain.Wallets[payee].PublicKey, sessionKey.PublicKey, deposit, now + (ulong)random.Next(1, 120));
                    (await ledger.ApplyAsync(tx)).IsAccepted.ShouldBeTrue();
                    sessions.Add(new ModelSession(tx.TxId, payer, payee, deposit, SessionSection.OpenTerms(tx).Expiry));
                    fees += 10;
                    break;
                }

                case 2 when session is not null:
                    // A call paid by voucher: local only, nothing on the ledger.
                    session.Spent = Math.Min(session.Deposit, session.Spent + (ulong)random.Next(1, 50_000));
                    session.Counter++;
                    break;

                case 3 when session is not null && session.Counter > session.ClaimedCounter && session.Spent > session.Claimed + 10:
                {
                    var voucher = SessionTxs.Voucher(sessionKey, session.Id, session.Spent, session.Counter);
                    var greedy = random.Next(4) == 0;
                    var charged = (ulong)random.NextInt64(11, (long)(session.Spent - session.Claimed) + 1);
                    var claim = s.Claim(chain.Wallets[session.Payee], voucher, session.Claimed, greedy ? session.Spent - session.Claimed - 9 : charged - 10);
                    var result = await ledger.ApplyAsync(claim);
                    if (greedy)
                    {
                        result.Code.ShouldBe("claim-exceeds-voucher");
                        break;
                    }

                    result.IsAccepted.ShouldBeTrue(result.Detail);
                    (await ledger.ApplyAsync(claim)).AlreadyApplied.ShouldBeTrue();
                    (await ledger.ApplyAsync(claim)).AlreadyApplied.ShouldBeTrue();
                    session.Claimed += charged;
                    session.ClaimedCounter = session.Counter;
                    fees += 10;
                    break;
                }

                case 4 when session is not null:
                {
                    var payer = session.Payer;
                    var coins = await ledger.GetUtxosAsync(chain.WalletAddress(payer));
                    var coin = coins.FirstOrDefault(c => c.Output.Amount.Utia > 100);
                    if (coin is null)
                    {
                        break;
                    }

                    var amount = (ulong)random.NextInt64(1, (long)coin.Output.Amount.Utia - 10);
                    var tx = new Fontana.Core.Transactions.TransactionBuilder(TestChain.ChainId)
                        .WithSessionTopUp(new SessionTopUpTerms(session.Id, Amount.FromUtia(amount), 0))
                        .AddInput(coin.OutPoint)
                        .AddOutput(chain.WalletAddress(payer), Amount.FromUtia(coin.Output.Amount.Utia - amount - 10))
                        .WithFee(chain.MinFee)
                        .Sign(chain.Wallets[payer]);
                    var result = await ledger.ApplyAsync(tx);
                    if (now >= session.Expiry)
                    {
                        result.Code.ShouldBe("session-expired");
                        break;
                    }

                    result.IsAccepted.ShouldBeTrue(result.Detail);
                    session.Deposit += amount;
                    fees += 10;
                    break;
                }

                case 5 when session is not null:
                {
                    var byPayee = random.Next(2) == 0;
                    var withVoucher = session.Counter > session.ClaimedCounter && session.Spent > session.Claimed;
                    var final = withVoucher ? session.Spent : session.Claimed;
                    SignedVoucher? voucher = withVoucher ? SessionTxs.Voucher(sessionKey, session.Id, session.Spent, session.Counter) : null;
                    var signer = chain.Wallets[byPayee ? session.Payee : session.Payer];
                    var close = SessionTxs.Close(signer, session.Id, voucher, chain.Wallets[session.Payee].PublicKey, final - session.Claimed, chain.Wallets[session.Payer].PublicKey, session.Deposit - final);
                    (await ledger.ApplyAsync(close)).IsAccepted.ShouldBeTrue();
                    (await ledger.ApplyAsync(close)).AlreadyApplied.ShouldBeTrue();
                    session.Claimed = final;
                    session.Closed = true;
                    break;
                }

                case 6 when session is not null:
                {
                    var reclaim = SessionTxs.Reclaim(chain.Wallets[session.Payer], session.Id, session.Deposit - session.Claimed);
                    var result = await ledger.ApplyAsync(reclaim);
                    if (now < session.Expiry)
                    {
                        result.Code.ShouldBe("session-not-expired");
                        break;
                    }

                    result.IsAccepted.ShouldBeTrue(result.Detail);
                    session.Closed = true;
                    break;
                }

                case 7:
                    time.Advance(TimeSpan.FromSeconds(random.Next(1, 60)));
                    break;

                case 8:
                    await ledger.SealAsync();
                    break;
            }
        }

        var locked = sessions.Where(x => !x.Closed).Aggregate(0UL, (sum, x) => sum + x.Deposit - x.Claimed);
        (await StoreInspector.TotalUnspentAsync(target)).Utia.ShouldBe(chain.Genesis.TotalAllocated.Utia - locked);
        (await ledger.GetBalanceAsync(chain.FeeAddress)).Utia.ShouldBe(fees);
        var stored = await StoreInspector.SessionsAsync(target);
        stored.Count.ShouldBe(sessions.Count);
        foreach (var model in sessions)
        {
            var state = stored[model.Id];
            (state.Deposit.Utia, state.Claimed.Utia, state.Closed).ShouldBe((model.Deposit, model.Claimed, model.Closed));
            (await ledger.GetSessionAsync(model.Id)).ShouldBe(state);
        }

        (await ledger.SealAsync()).Header.StateRoot.ShouldBe(await StoreInspector.StateRootAsync(target));
        return true;
    }
}
