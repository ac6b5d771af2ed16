using System.Collections.Concurrent;
using Fontana.Core;
using Fontana.Core.Crypto;

namespace Fontana.Sdk.Tests.Store;

/// <summary>Coin leases in the shared store on both engines: one owner at a time, spent means never again, expired
/// leases can be taken over, and store connections racing for the same coins (as processes do) never both win.</summary>
public class CoinLeaseTests
{
    private static readonly Address Wallet = new(PrivateKey.Generate().PublicKey);
    private static readonly DateTimeOffset T0 = new(2026, 12, 2, 10, 0, 0, TimeSpan.Zero);
    private static readonly Amount Coin = Amount.FromUtia(5_000);

    public static TheoryData<string> Engines => StoreTarget.Engines;

    [Theory]
    [MemberData(nameof(Engines))]
    public void TryClaim_HeldByAnotherOwner_RefusedUntilReleasedOrExpired(string engine)
    {
        using var target = new StoreTarget(engine);
        using var store = target.Open(Wallet);
        var coin = Outpoint(1);

        store.TryClaimOutput(coin, Coin, "a", T0, T0.AddMinutes(10)).ShouldBeTrue();
        store.TryClaimOutput(coin, Coin, "a", T0, T0.AddMinutes(10)).ShouldBeTrue(); // its own again
        store.TryClaimOutput(coin, Coin, "b", T0.AddMinutes(1), T0.AddMinutes(11)).ShouldBeFalse();

        store.ReleaseOutput(coin, "b", T0.AddMinutes(1)); // not b's: changes nothing
        store.TryClaimOutput(coin, Coin, "b", T0.AddMinutes(1), T0.AddMinutes(11)).ShouldBeFalse();

        store.ReleaseOutput(coin, "a", T0.AddMinutes(2));
        store.TryClaimOutput(coin, Coin, "b", T0.AddMinutes(2), T0.AddMinutes(12)).ShouldBeTrue();

        // b dies: its lease runs out, then c may take the coin.
        store.TryClaimOutput(coin, Coin, "c", T0.AddMinutes(11), T0.AddMinutes(21)).ShouldBeFalse();
        store.TryClaimOutput(coin, Coin, "c", T0.AddMinutes(13), T0.AddMinutes(23)).ShouldBeTrue();
        store.GetOutputLease(coin)!.Value.Owner.ShouldBe("c");
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public void TryClaim_SpentCoin_NeverClaimableAgain(string engine)
    {
        using var target = new StoreTarget(engine);
        using var store = target.Open(Wallet);
        var leased = Outpoint(2);
        var unseen = Outpoint(3);
        store.TryClaimOutput(leased, Coin, "a", T0, T0.AddMinutes(10)).ShouldBeTrue();

        store.MarkOutputSpent(leased, T0);
        store.MarkOutputSpent(unseen, T0); // spent before any process leased it

        store.TryClaimOutput(leased, Coin, "a", T0, T0.AddMinutes(10)).ShouldBeFalse();
        store.TryClaimOutput(leased, Coin, "b", T0.AddDays(1), T0.AddDays(2)).ShouldBeFalse();
        store.TryClaimOutput(unseen, Coin, "b", T0, T0.AddMinutes(10)).ShouldBeFalse();
        store.GetOutputLease(leased)!.Value.Status.ShouldBe("spent");
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task TryClaim_EightConnectionsRaceForTheSameCoins_EachCoinWonOnce(string engine)
    {
        using var target = new StoreTarget(engine);
        target.Open(Wallet).Dispose();
        var coins = Enumerable.Range(100, 100).Select(Outpoint).ToArray();
        var winners = new ConcurrentDictionary<OutPoint, ConcurrentBag<string>>();

        // Eight stores (eight connections, as eight processes have), each trying every coin in its own order.
        await Task.WhenAll(Enumerable.Range(0, 8).Select(p => Task.Run(() =>
        {
            using var store = target.Open(Wallet);
            var owner = "process-" + p;
            foreach (var coin in coins.OrderBy(c => HashCode.Combine(c, p)))
            {
                if (store.TryClaimOutput(coin, Coin, owner, T0, T0.AddMinutes(10)))
                {
                    winners.GetOrAdd(coin, _ => []).Add(owner);
                }
            }
        })));

        winners.Count.ShouldBe(coins.Length);
        winners.Values.ShouldAllBe(w => w.Count == 1);
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task TryClaimFirst_EightConnectionsClaimingInBatchesOfEight_EachCoinWonOnceRefusalsNamed(string engine)
    {
        using var target = new StoreTarget(engine);
        target.Open(Wallet).Dispose();
        var coins = Enumerable.Range(300, 100).Select(Outpoint).ToArray();
        var winners = new ConcurrentDictionary<OutPoint, ConcurrentBag<string>>();
        var refusals = new ConcurrentBag<(OutPoint Coin, string Owner)>();

        // Eight connections, each offering batches of eight coins in its own order until every coin is won.
        await Task.WhenAll(Enumerable.Range(0, 8).Select(p => Task.Run(() =>
        {
            using var store = target.Open(Wallet);
            var owner = "process-" + p;
            var unavailable = new List<int>();
            var order = coins.OrderBy(c => HashCode.Combine(c, p)).ToList();
            while (order.Count > 0)
            {
                var batch = order.Take(8).Select(c => (c, Coin)).ToList();
                var chosen = store.TryClaimFirstOutput(batch, owner, T0, T0.AddMinutes(10), unavailable);
                if (chosen >= 0)
                {
                    winners.GetOrAdd(batch[chosen].c, _ => []).Add(owner);
                    unavailable.ShouldNotContain(chosen);
                }

                foreach (var i in unavailable)
                {
                    refusals.Add((batch[i].c, owner));
                }

                // Drop the one claimed and those refused; the others are offered again.
                var done = unavailable.Select(i => batch[i].c).Append(chosen >= 0 ? batch[chosen].c : default).ToHashSet();
                order.RemoveAll(done.Contains);
            }
        })));

        winners.Count.ShouldBe(coins.Length);
        winners.Values.ShouldAllBe(w => w.Count == 1);

        // Each refusal was of a coin another owner won (on PostgreSQL possibly still committing its claim at that instant).
        refusals.ShouldNotBeEmpty();
        refusals.ShouldAllBe(r => winners[r.Coin].Single() != r.Owner);
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task TryClaimFirst_ConnectionsOfferingTheSameNewCoinsInOppositeOrders_NoDeadlockEachWinsOne(string engine)
    {
        // Before the store inserted new rows in one order (by outpoint), PostgreSQL failed one of two transactions
        // inserting the same new rows in opposite orders with "deadlock detected" (store-corrupt).
        using var target = new StoreTarget(engine);
        target.Open(Wallet).Dispose();
        var stores = Enumerable.Range(0, 4).Select(_ => target.Open(Wallet)).ToArray();
        try
        {
            for (var round = 0; round < 25; round++)
            {
                var coins = Enumerable.Range(1_000 + (round * 8), 8).Select(Outpoint).ToArray();
                using var start = new Barrier(stores.Length);
                var won = await Task.WhenAll(stores.Select((store, p) => Task.Run(() =>
                {
                    // Opposite orders: half the connections offer the coins reversed, each rotated its own way.
                    var order = (p % 2 == 0 ? coins : coins.Reverse()).ToList();
                    order = [.. order.Skip(p), .. order.Take(p)];
                    var unavailable = new List<int>();
                    start.SignalAndWait();
                    var chosen = store.TryClaimFirstOutput([.. order.Select(c => (c, Coin))], "owner-" + p, T0, T0.AddMinutes(10), unavailable);
                    return chosen >= 0 ? order[chosen] : default;
                })));

                won.ShouldAllBe(c => c != default, $"round {round}: every connection claims one of 8 coins");
                won.Distinct().Count().ShouldBe(stores.Length, $"round {round}: no coin won twice");
            }
        }
        finally
        {
            foreach (var store in stores)
            {
                store.Dispose();
            }
        }
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public void TryClaimFirst_SpentHeldAndFree_ClaimsTheFirstFreeInOrderNamesTheOthers(string engine)
    {
        using var target = new StoreTarget(engine);
        using var store = target.Open(Wallet);
        var (spent, held, free1, free2) = (Outpoint(40), Outpoint(41), Outpoint(42), Outpoint(43));
        store.MarkOutputSpent(spent, T0);
        store.RenewLeaseOwner("other", "host", 1, T0, T0.AddMinutes(1));
        store.TryClaimOutput(held, Coin, "other", T0, T0.AddMinutes(1)).ShouldBeTrue();
        var unavailable = new List<int>();

        var chosen = store.TryClaimFirstOutput([(spent, Coin), (held, Coin), (free2, Coin), (free1, Coin)], "me", T0, T0.AddMinutes(1), unavailable);

        chosen.ShouldBe(2);
        unavailable.ShouldBe([0, 1]);
        store.GetOutputLease(free2)!.Value.Owner.ShouldBe("me");
        store.GetOutputLease(free1)!.Value.Owner.ShouldBeNull();
        store.TryClaimOutput(free1, Coin, "other", T0, T0.AddMinutes(1)).ShouldBeTrue();
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public void TryClaim_OwnerKeepsItsHeartbeat_NeverTakenOverThenFreeOnceItStops(string engine)
    {
        using var target = new StoreTarget(engine);
        using var store = target.Open(Wallet);
        var coin = Outpoint(4);
        var ttl = TimeSpan.FromSeconds(15);
        store.RenewLeaseOwner("a", "host", 1, T0, T0 + ttl);
        store.TryClaimOutput(coin, Coin, "a", T0, T0 + ttl).ShouldBeTrue();

        // An hour of heartbeats every 5 s: the lease's own expiry passes long ago, the coin stays a's.
        var now = T0;
        for (var beat = 0; beat < 720; beat++)
        {
            now += TimeSpan.FromSeconds(5);
            store.RenewLeaseOwner("a", "host", 1, T0, now + ttl);
            if (beat % 60 == 0)
            {
                store.TryClaimOutput(coin, Coin, "b", now, now + ttl).ShouldBeFalse($"taken from a live owner at beat {beat}");
                store.ListOutputsLeasedByOthers("b", now).ShouldContain(coin);
            }
        }

        // a is killed: no heartbeat after `now`. Until its last one runs out the coin is still a's; then b may take it.
        store.TryClaimOutput(coin, Coin, "b", now + ttl - TimeSpan.FromMilliseconds(1), now + ttl + ttl).ShouldBeFalse();
        store.TryClaimOutput(coin, Coin, "b", now + ttl + TimeSpan.FromMilliseconds(1), now + ttl + ttl).ShouldBeTrue();
        store.GetOutputLease(coin)!.Value.Owner.ShouldBe("b");
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public void TryClaim_DeadOwnersCoinWithUnresolvedPayment_FreeOnlyOnceThePaymentIsResolved(string engine)
    {
        using var target = new StoreTarget(engine);
        using var store = target.Open(Wallet);
        var coin = Outpoint(5);
        store.RenewLeaseOwner("a", "host", 1, T0, T0.AddSeconds(15));
        store.TryClaimOutput(coin, Coin, "a", T0, T0.AddSeconds(15)).ShouldBeTrue();
        var payment = new Fontana.Sdk.Store.PaymentRecord(
            Hash32.Compute([5]), Fontana.Sdk.Store.PaymentState.Pending, Wallet, "http://api.test/x", Amount.FromUtia(1_000), Amount.FromUtia(100),
            coin, [1, 2, 3], 1_800_000_000, T0, T0, 0, null, null, null);
        store.RecordPayment(payment);

        // a died with the payment in flight: the coin may have been spent by it, so nobody takes it yet.
        store.TryClaimOutput(coin, Coin, "b", T0.AddMinutes(5), T0.AddMinutes(6)).ShouldBeFalse();

        // The monitor finds the payment refused (never applied): the coin is free.
        store.UpdatePayment(payment.TxId, Fontana.Sdk.Store.PaymentState.Refused, T0.AddMinutes(6), detail: "never applied");
        store.TryClaimOutput(coin, Coin, "b", T0.AddMinutes(6), T0.AddMinutes(7)).ShouldBeTrue();
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public void LeaseNewOutputs_SoftLease_OwnerClaimsAtOnceOthersOnlyAfterItLapses(string engine)
    {
        using var target = new StoreTarget(engine);
        using var store = target.Open(Wallet);
        var change = Outpoint(6);
        var split = Outpoint(7);
        store.RenewLeaseOwner("a", "host", 1, T0, T0.AddHours(1)); // a stays alive throughout
        store.LeaseNewOutputs([(change, Coin), (split, Coin)], "a", T0, T0.AddSeconds(15));

        store.ListOutputsLeasedByOthers("b", T0.AddSeconds(1)).ShouldBe([change, split], ignoreOrder: true);
        store.TryClaimOutput(change, Coin, "b", T0.AddSeconds(1), T0.AddSeconds(16)).ShouldBeFalse();
        store.TryClaimOutput(change, Coin, "a", T0.AddSeconds(1), T0.AddSeconds(16)).ShouldBeTrue(); // now held by a

        // The one a did not use is anyone's once the soft lease lapses, although a is alive; the held one stays a's.
        store.TryClaimOutput(split, Coin, "b", T0.AddSeconds(16), T0.AddSeconds(31)).ShouldBeTrue();
        store.TryClaimOutput(change, Coin, "b", T0.AddSeconds(40), T0.AddSeconds(55)).ShouldBeFalse();
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public void EndLeaseOwner_CleanShutdown_ItsCoinsFreeAtOnce(string engine)
    {
        using var target = new StoreTarget(engine);
        using var store = target.Open(Wallet);
        var coin = Outpoint(8);
        store.RenewLeaseOwner("a", "host", 1, T0, T0.AddSeconds(15));
        store.TryClaimOutput(coin, Coin, "a", T0, T0.AddSeconds(15)).ShouldBeTrue();

        store.EndLeaseOwner("a", T0.AddSeconds(1));

        store.TryClaimOutput(coin, Coin, "b", T0.AddSeconds(1), T0.AddSeconds(16)).ShouldBeTrue();
    }

    private static OutPoint Outpoint(int n) => new(Hash32.Compute(BitConverter.GetBytes(n)), 0);
}
