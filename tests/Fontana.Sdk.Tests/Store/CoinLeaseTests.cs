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

    private static OutPoint Outpoint(int n) => new(Hash32.Compute(BitConverter.GetBytes(n)), 0);
}
