using Fontana.AspNetCore.Payments;
using Fontana.Core;

namespace Fontana.AspNetCore.Tests.Payments;

public sealed class SettledPaymentCacheTests
{
    private static readonly Hash32 TxA = Hash32.Compute("a"u8);
    private static readonly Hash32 TxB = Hash32.Compute("b"u8);

    [Fact]
    public void Claim_SameTransactionTwice_ReturnsTheSameEntry()
    {
        var cache = new SettledPaymentCache(10);
        var challenge = Hash32.Compute("c"u8);

        var first = cache.Claim(challenge, TxA, expiresAtUnixSeconds: 100, nowUnixSeconds: 0);
        var second = cache.Claim(challenge, TxA, expiresAtUnixSeconds: 100, nowUnixSeconds: 1);

        first.ShouldNotBeNull();
        second.ShouldBeSameAs(first);
    }

    [Fact]
    public void Claim_OtherTransactionForClaimedChallenge_IsRefused()
    {
        var cache = new SettledPaymentCache(10);
        var challenge = Hash32.Compute("c"u8);
        cache.Claim(challenge, TxA, 100, 0);

        cache.Claim(challenge, TxB, 100, 1).ShouldBeNull();
    }

    [Fact]
    public void Release_UnsettledClaim_LetsAnotherTransactionPay()
    {
        var cache = new SettledPaymentCache(10);
        var challenge = Hash32.Compute("c"u8);
        var entry = cache.Claim(challenge, TxA, 100, 0)!;

        cache.Release(challenge, entry);

        cache.Claim(challenge, TxB, 100, 1).ShouldNotBeNull();
    }

    [Fact]
    public void Claim_PastCapacity_EvictsOldestFirst()
    {
        var cache = new SettledPaymentCache(3);
        for (var i = 0; i < 10; i++)
        {
            cache.Claim(Hash32.Compute([(byte)i]), TxA, 1_000, 0);
        }

        cache.Count.ShouldBe(3);
        cache.Claim(Hash32.Compute([0]), TxB, 1_000, 0).ShouldNotBeNull("the oldest claim was evicted");
    }

    [Fact]
    public void Claim_AfterEntriesExpire_DropsThem()
    {
        var cache = new SettledPaymentCache(100);
        cache.Claim(Hash32.Compute("old"u8), TxA, expiresAtUnixSeconds: 10, nowUnixSeconds: 0);

        cache.Claim(Hash32.Compute("new"u8), TxA, expiresAtUnixSeconds: 100, nowUnixSeconds: 50);

        cache.Count.ShouldBe(1);
    }
}
