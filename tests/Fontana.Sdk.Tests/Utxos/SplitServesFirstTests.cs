using Fontana.Core;
using Fontana.Sdk.Diagnostics;
using Fontana.Sdk.Tests.Support;
using Fontana.Sdk.Utxos;
using Microsoft.Extensions.Logging.Abstractions;
using static Fontana.Sdk.Tests.Support.TestCoins;

namespace Fontana.Sdk.Tests.Utxos;

/// <summary>A split is never planned from outputs that each pay a waiting call: such a call is served from one of them.
/// The race behind the shared wallet's drain failure with batch claims (docs/wallet.md, *Claims in batches*): a call of
/// a process found every free coin locked for an instant (another call of the same process was offering them to the
/// store in one batch claim), so it waited and asked for a split; the batch then freed the coins it did not take, and the
/// split — run before the queue was served — merged two one-call coins into one call output plus change smaller than a
/// call, paying a fee. The wallet then paid one call fewer than it could: a call refused insufficient-funds while a coin
/// stayed unused. This test makes that instant deterministic.</summary>
public sealed class SplitServesFirstTests : IDisposable
{
    private static readonly Amount Fee = Utia(100);
    private static readonly Amount Call = Utia(1_100);
    private readonly MomentarilyLockedCache _cache = new();
    private readonly SdkMetrics _metrics = new();
    private readonly FakeSplitExecutor _splitter = new(Fee);
    private readonly UtxoAllocator _allocator;

    public SplitServesFirstTests()
    {
        _allocator = new UtxoAllocator(
            _cache, _splitter, new SplitStrategy(), TimeSpan.FromSeconds(30), TimeProvider.System, _metrics, NullLogger.Instance);
    }

    public void Dispose()
    {
        _allocator.Dispose();
        _metrics.Dispose();
    }

    [Fact]
    public async Task AcquireAsync_FreeOutputsWereLockedOnlyWhileTheCallLooked_ServedFromOneNoSplitAndEveryCoinPaysACall()
    {
        for (var i = 1; i <= 3; i++)
        {
            _allocator.AddConfirmed(Op(i), Call); // three coins of exactly one call
        }

        using var inFlight = await _allocator.AcquireAsync(Call, default);

        // The next call's own try and the serving of the queue it joins find the two free coins locked (held for an
        // instant by another call's batch claim); by the time the split it asked for plans, they are free again.
        _cache.LockedForNextSelections = 2;
        using var waited = await _allocator.AcquireAsync(Call, default).AsTask().WaitAsync(TimeSpan.FromSeconds(20));

        _cache.LockedForNextSelections.ShouldBe(0, "the call looked twice and found nothing free");
        _splitter.Plans.ShouldBeEmpty("a coin that pays the call is handed to it, not merged by a split");
        waited.Amount.ShouldBe(Call);
        new[] { Op(1), Op(2), Op(3) }.ShouldContain(waited.OutPoint);
        waited.OutPoint.ShouldNotBe(inFlight.OutPoint);

        // Three coins of one call each pay exactly three calls.
        using var third = await _allocator.AcquireAsync(Call, default).AsTask().WaitAsync(TimeSpan.FromSeconds(20));
        third.Amount.ShouldBe(Call);
        _allocator.Unreserved.ShouldBe(Amount.Zero);
    }

    [Fact]
    public async Task AcquireAsync_OnlyOutputsSmallerThanACall_StillConsolidated()
    {
        // The rule above leaves merging alone where it is needed: no output pays the call by itself.
        for (var i = 1; i <= 4; i++)
        {
            _allocator.AddConfirmed(Op(i), Utia(600));
        }

        using var lease = await _allocator.AcquireAsync(Call, default).AsTask().WaitAsync(TimeSpan.FromSeconds(20));

        lease.Amount.ShouldBe(Call);
        _splitter.Plans.Single().Inputs.Count.ShouldBe(4);
        _allocator.Unreserved.ShouldBe(Utia(2_400 - 1_100 - 100));
    }

    /// <summary>The in-memory cache, whose selection finds nothing free the next <see cref="LockedForNextSelections"/>
    /// times it is asked (the free outputs are locked by someone else at that instant).</summary>
    private sealed class MomentarilyLockedCache : IUtxoCache
    {
        private readonly InMemoryUtxoCache _inner = new();
        private int _lockedFor;

        public int LockedForNextSelections
        {
            get => Volatile.Read(ref _lockedFor);
            set => Volatile.Write(ref _lockedFor, value);
        }

        public int Count => _inner.Count;

        public int AvailableCount => _inner.AvailableCount;

        public long Epoch => _inner.Epoch;

        public bool TryGet(OutPoint outPoint, out CachedUtxo utxo) => _inner.TryGet(outPoint, out utxo);

        public IReadOnlyList<CachedUtxo> GetAll() => _inner.GetAll();

        public bool TryAdd(OutPoint outPoint, Amount amount, UtxoStatus status) => _inner.TryAdd(outPoint, amount, status);

        public bool TryConfirm(OutPoint outPoint) => _inner.TryConfirm(outPoint);

        public bool TryMarkSpent(OutPoint outPoint) => _inner.TryMarkSpent(outPoint);

        public bool Remove(OutPoint outPoint) => _inner.Remove(outPoint);

        public bool TryLock(OutPoint outPoint, string lockId) => _inner.TryLock(outPoint, lockId);

        public bool TryLockSmallest(Amount minimum, Amount maximum, string lockId, out CachedUtxo utxo)
        {
            var left = Volatile.Read(ref _lockedFor);
            while (left > 0)
            {
                if (Interlocked.CompareExchange(ref _lockedFor, left - 1, left) == left)
                {
                    utxo = default;
                    return false;
                }

                left = Volatile.Read(ref _lockedFor);
            }

            return _inner.TryLockSmallest(minimum, maximum, lockId, out utxo);
        }

        public bool Release(OutPoint outPoint, string lockId, out bool dropped) => _inner.Release(outPoint, lockId, out dropped);

        public UtxoReconcileResult Reconcile(IReadOnlyList<KeyValuePair<OutPoint, Amount>> unspent, long observedAtEpoch) =>
            _inner.Reconcile(unspent, observedAtEpoch);
    }
}
