using Fontana.Core;
using Fontana.Sdk.Utxos;
using FsCheck;
using FsCheck.Fluent;
using static Fontana.Sdk.Tests.Support.TestCoins;

namespace Fontana.Sdk.Tests.Utxos;

public class InMemoryUtxoCacheTests
{
    [Fact]
    public void TryAdd_NewOutput_IsAvailableAndCounted()
    {
        var cache = new InMemoryUtxoCache();
        cache.TryAdd(Op(1), Utia(500), UtxoStatus.Available).ShouldBeTrue();
        cache.TryAdd(Op(1), Utia(500), UtxoStatus.Available).ShouldBeFalse();
        cache.TryGet(Op(1), out var utxo).ShouldBeTrue();
        utxo.ShouldBe(new CachedUtxo(Op(1), Utia(500), UtxoStatus.Available, null));
        cache.Count.ShouldBe(1);
    }

    [Fact]
    public void TryAdd_SpentOrLockedStatus_Throws()
    {
        var cache = new InMemoryUtxoCache();
        Should.Throw<ArgumentOutOfRangeException>(() => cache.TryAdd(Op(1), Utia(1), UtxoStatus.Locked));
    }

    [Fact]
    public void TryConfirm_Pending_BecomesAvailableAndLockable()
    {
        var cache = new InMemoryUtxoCache();
        cache.TryAdd(Op(1), Utia(500), UtxoStatus.Pending);
        cache.TryLock(Op(1), "a").ShouldBeFalse();
        cache.TryLockSmallest(Utia(1), Amount.MaxValue, "a", out _).ShouldBeFalse();
        cache.TryConfirm(Op(1)).ShouldBeTrue();
        cache.TryConfirm(Op(1)).ShouldBeFalse();
        cache.TryLock(Op(1), "a").ShouldBeTrue();
    }

    [Fact]
    public void TryMarkSpent_KeepsTombstone_RemoveForgets()
    {
        var cache = new InMemoryUtxoCache();
        cache.TryAdd(Op(1), Utia(500), UtxoStatus.Available);
        cache.TryMarkSpent(Op(1)).ShouldBeTrue();
        cache.TryMarkSpent(Op(1)).ShouldBeFalse();
        cache.TryGet(Op(1), out var utxo).ShouldBeTrue();
        utxo.Status.ShouldBe(UtxoStatus.Spent);
        cache.Count.ShouldBe(0);
        cache.GetAll().ShouldBeEmpty();
        cache.Remove(Op(1)).ShouldBeTrue();
        cache.TryGet(Op(1), out _).ShouldBeFalse();
        cache.Remove(Op(1)).ShouldBeFalse();
    }

    [Fact]
    public void TryLockSmallest_PicksSmallestSufficientUnlocked_TiesByOutPoint()
    {
        var cache = new InMemoryUtxoCache();
        cache.TryAdd(Op(1), Utia(100), UtxoStatus.Available);
        cache.TryAdd(Op(2), Utia(300), UtxoStatus.Available);
        cache.TryAdd(Op(3), Utia(300), UtxoStatus.Available);
        cache.TryAdd(Op(4), Utia(900), UtxoStatus.Available);
        var (first, second) = Op(2).CompareTo(Op(3)) < 0 ? (Op(2), Op(3)) : (Op(3), Op(2));

        cache.TryLockSmallest(Utia(200), Amount.MaxValue, "a", out var a).ShouldBeTrue();
        a.OutPoint.ShouldBe(first);
        a.LockedBy.ShouldBe("a");
        cache.TryLockSmallest(Utia(200), Amount.MaxValue, "b", out var b).ShouldBeTrue();
        b.OutPoint.ShouldBe(second);
        cache.TryLockSmallest(Utia(200), Utia(899), "c", out _).ShouldBeFalse();
        cache.TryLockSmallest(Utia(200), Amount.MaxValue, "c", out var c).ShouldBeTrue();
        c.OutPoint.ShouldBe(Op(4));
        cache.TryLockSmallest(Utia(200), Amount.MaxValue, "d", out _).ShouldBeFalse();
    }

    [Fact]
    public void Release_ByOwner_MakesAvailable_ByOtherRefused()
    {
        var cache = new InMemoryUtxoCache();
        cache.TryAdd(Op(1), Utia(100), UtxoStatus.Available);
        cache.TryLock(Op(1), "a").ShouldBeTrue();
        cache.TryGet(Op(1), out var locked);
        locked.Status.ShouldBe(UtxoStatus.Locked);
        locked.LockedBy.ShouldBe("a");
        cache.Release(Op(1), "b", out _).ShouldBeFalse();
        cache.Release(Op(1), "a", out var dropped).ShouldBeTrue();
        dropped.ShouldBeFalse();
        cache.TryLock(Op(1), "b").ShouldBeTrue();
    }

    [Fact]
    public async Task TryLock_ManyTasksOneOutput_ExactlyOneWins()
    {
        var cache = new InMemoryUtxoCache();
        cache.TryAdd(Op(1), Utia(100), UtxoStatus.Available);
        using var start = new ManualResetEventSlim();
        var winners = 0;
        var tasks = new Task[64];
        for (var i = 0; i < tasks.Length; i++)
        {
            var id = "t" + i;
            tasks[i] = Task.Run(() =>
            {
                start.Wait();
                if (cache.TryLockSmallest(Utia(1), Amount.MaxValue, id, out _))
                {
                    Interlocked.Increment(ref winners);
                }
            });
        }

        start.Set();
        await Task.WhenAll(tasks);
        winners.ShouldBe(1);
    }

    [Fact]
    public void TryLockSmallest_ManyTasksManyOutputs_NoOutputHandedOutTwice()
    {
        var cache = new InMemoryUtxoCache();
        for (var i = 0; i < 500; i++)
        {
            cache.TryAdd(Op(i), Utia((ulong)(100 + (i % 7))), UtxoStatus.Available);
        }

        var taken = new System.Collections.Concurrent.ConcurrentBag<OutPoint>();
        Parallel.For(0, 600, i =>
        {
            if (cache.TryLockSmallest(Utia(100), Amount.MaxValue, "t" + i, out var utxo))
            {
                taken.Add(utxo.OutPoint);
            }
        });
        taken.Count.ShouldBe(500);
        taken.Distinct().Count().ShouldBe(500);
    }

    [Fact]
    public void Reconcile_AddsUnknown_ConfirmsPending_DropsUnlisted_FlagsLocked()
    {
        var cache = new InMemoryUtxoCache();
        cache.TryAdd(Op(1), Utia(100), UtxoStatus.Available); // listed: stays
        cache.TryAdd(Op(2), Utia(200), UtxoStatus.Available); // not listed: dropped
        cache.TryAdd(Op(3), Utia(300), UtxoStatus.Available); // locked, not listed: flagged
        cache.TryAdd(Op(4), Utia(400), UtxoStatus.Pending);   // listed: confirmed
        cache.TryAdd(Op(5), Utia(500), UtxoStatus.Available); // spent by us, not listed: forgotten
        cache.TryLock(Op(3), "call").ShouldBeTrue();
        cache.TryMarkSpent(Op(5));
        var epoch = cache.Epoch;

        var result = cache.Reconcile(
        [
            new(Op(1), Utia(100)),
            new(Op(4), Utia(400)),
            new(Op(6), Utia(600)),
        ], epoch);

        result.ShouldBe(new UtxoReconcileResult(Added: 1, Confirmed: 1, Dropped: 1, FlaggedWhileLocked: 1, FundsDeltaUtia: 600 - 200));
        cache.TryGet(Op(2), out _).ShouldBeFalse();
        cache.TryGet(Op(5), out _).ShouldBeFalse();
        cache.TryGet(Op(4), out var confirmed).ShouldBeTrue();
        confirmed.Status.ShouldBe(UtxoStatus.Available);
        cache.TryGet(Op(6), out var added).ShouldBeTrue();
        added.Status.ShouldBe(UtxoStatus.Available);

        // The locked one is never handed out again: on release it is dropped.
        cache.Release(Op(3), "call", out var dropped).ShouldBeTrue();
        dropped.ShouldBeTrue();
        cache.TryGet(Op(3), out _).ShouldBeFalse();
    }

    [Fact]
    public void Reconcile_ChangesAfterListingStarted_AreLeftAlone()
    {
        var cache = new InMemoryUtxoCache();
        cache.TryAdd(Op(1), Utia(100), UtxoStatus.Available);
        var epoch = cache.Epoch;

        // While the listing was in flight: a new output arrived and Op(1) was spent by us.
        cache.TryAdd(Op(2), Utia(200), UtxoStatus.Available);
        cache.TryMarkSpent(Op(1));

        // The (older) listing still shows Op(1) and not Op(2).
        var result = cache.Reconcile([new(Op(1), Utia(100))], epoch);

        result.Dropped.ShouldBe(0);
        cache.TryGet(Op(2), out var kept).ShouldBeTrue();
        kept.Status.ShouldBe(UtxoStatus.Available);
        cache.TryGet(Op(1), out var spent).ShouldBeTrue();
        spent.Status.ShouldBe(UtxoStatus.Spent);
    }

    [Fact]
    public void TryLockSmallest_AnyContents_ReturnsSmallestSufficientUnlocked()
    {
        Prop.ForAll(
            Gen.ListOf(Gen.Choose(1, 50)).ToArbitrary(),
            Gen.Choose(1, 50).ToArbitrary(),
            Gen.Choose(0, 10).ToArbitrary(),
            (amounts, wanted, lockCount) =>
            {
                var cache = new InMemoryUtxoCache();
                var list = amounts.ToList();
                for (var i = 0; i < list.Count; i++)
                {
                    cache.TryAdd(Op(i), Utia((ulong)list[i]), UtxoStatus.Available);
                }

                var locked = new HashSet<OutPoint>();
                for (var i = 0; i < Math.Min(lockCount, list.Count); i++)
                {
                    cache.TryLock(Op(i), "other");
                    locked.Add(Op(i));
                }

                var expected = Enumerable.Range(0, list.Count)
                    .Where(i => !locked.Contains(Op(i)) && list[i] >= wanted)
                    .Select(i => (Amount: list[i], OutPoint: Op(i)))
                    .OrderBy(x => x.Amount).ThenBy(x => x.OutPoint)
                    .Select(x => (OutPoint?)x.OutPoint)
                    .FirstOrDefault();
                var found = cache.TryLockSmallest(Utia((ulong)wanted), Amount.MaxValue, "me", out var utxo);
                return found == expected.HasValue && (!found || utxo.OutPoint == expected!.Value);
            }).QuickCheckThrowOnFailure();
    }
}
