using Fontana.Core;
using Fontana.Sdk.Diagnostics;
using Fontana.Sdk.Tests.Support;
using Fontana.Sdk.Utxos;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using static Fontana.Sdk.Tests.Support.TestCoins;

namespace Fontana.Sdk.Tests.Utxos;

public sealed class UtxoAllocatorTests : IDisposable
{
    private static readonly Amount Fee = Utia(100);
    private static readonly Amount Call = Utia(1_100);
    private readonly InMemoryUtxoCache _cache = new();
    private readonly SdkMetrics _metrics = new();
    private readonly FakeSplitExecutor _splitter = new(Fee);

    /// <summary>The clock of the tests about waiting and timing out: a waiting call has registered its timeout timer by the
    /// time AcquireAsync/LockAsync returns its pending task (the code is synchronous up to that await), so moving this
    /// clock afterwards decides exactly when the timeout falls.</summary>
    private readonly FakeTimeProvider _time = new();
    private UtxoAllocator? _allocator;

    private UtxoAllocator Allocator(TimeSpan? lockTimeout = null, bool splits = true, SplitStrategy? strategy = null, bool fakeTime = false) =>
        _allocator = new UtxoAllocator(
            _cache, splits ? _splitter : null, strategy ?? new SplitStrategy(), lockTimeout ?? TimeSpan.FromSeconds(10),
            fakeTime ? _time : TimeProvider.System, _metrics, NullLogger.Instance);

    public void Dispose()
    {
        _allocator?.Dispose();
        _metrics.Dispose();
    }

    [Fact]
    public async Task AcquireAsync_FreeOutputs_LocksSmallestSufficientAtOnce()
    {
        var allocator = Allocator();
        allocator.AddConfirmed(Op(1), Utia(1_000));
        allocator.AddConfirmed(Op(2), Utia(5_000));
        allocator.AddConfirmed(Op(3), Utia(2_000));

        using var lease = await allocator.AcquireAsync(Call, default);

        lease.OutPoint.ShouldBe(Op(3));
        lease.Waited.ShouldBe(TimeSpan.Zero);
        allocator.Unreserved.ShouldBe(Utia(8_000 - 1_100));
    }

    [Fact]
    public async Task AcquireAsync_FundsShort_FailsFastNamingAvailableAndRequired()
    {
        var allocator = Allocator();
        allocator.AddConfirmed(Op(1), Utia(1_000));

        var ex = await Should.ThrowAsync<InsufficientFundsException>(async () => await allocator.AcquireAsync(Call, default));

        ex.Code.ShouldBe("insufficient-funds");
        ex.Available.ShouldBe(Utia(1_000));
        ex.Required.ShouldBe(Call);
        ex.Message.ShouldContain("0.001 TIA available");
        ex.Message.ShouldContain("0.0011 TIA required");
    }

    [Fact]
    public async Task AcquireAsync_FundsCommittedToCallsInFlight_FailsFast()
    {
        var allocator = Allocator();
        allocator.AddConfirmed(Op(1), Utia(2_000));
        using var first = await allocator.AcquireAsync(Call, default);

        var ex = await Should.ThrowAsync<InsufficientFundsException>(async () => await allocator.AcquireAsync(Call, default));

        ex.Available.ShouldBe(Utia(900));
    }

    [Fact]
    public async Task AcquireAsync_OnlyOutputHeld_WaitsAndGetsItOnRelease()
    {
        var allocator = Allocator(splits: false, fakeTime: true);
        allocator.AddConfirmed(Op(1), Utia(5_000));
        var first = await allocator.AcquireAsync(Call, default);

        var second = allocator.AcquireAsync(Call, default).AsTask();
        _time.Advance(TimeSpan.FromSeconds(9)); // the lock timeout is 10 s
        second.IsCompleted.ShouldBeFalse();
        allocator.WaitingCalls.ShouldBe(1);
        first.Release();

        using var lease = await second.WaitAsync(TimeSpan.FromSeconds(5));
        lease.OutPoint.ShouldBe(Op(1));
        lease.Waited.ShouldBe(TimeSpan.FromSeconds(9));
    }

    [Fact]
    public async Task AcquireAsync_NothingFreesUp_TimesOutWithClearError()
    {
        var allocator = Allocator(lockTimeout: TimeSpan.FromMilliseconds(150), splits: false, fakeTime: true);
        allocator.AddConfirmed(Op(1), Utia(5_000));
        using var holder = await allocator.AcquireAsync(Call, default);

        var waiting = allocator.AcquireAsync(Call, default).AsTask();
        _time.Advance(TimeSpan.FromMilliseconds(149));
        waiting.IsCompleted.ShouldBeFalse("still within the lock timeout");
        _time.Advance(TimeSpan.FromMilliseconds(1));
        var ex = await Should.ThrowAsync<UtxoLockTimeoutException>(waiting.WaitAsync(TimeSpan.FromSeconds(10)));

        ex.Code.ShouldBe("utxo-lock-timeout");
        ex.Message.ShouldContain("no output of at least 0.0011 TIA became free within 0.15 s");
        allocator.WaitingCalls.ShouldBe(0);
        allocator.Unreserved.ShouldBe(Utia(5_000 - 1_100));
    }

    [Fact]
    public async Task LockAsync_ManyTasksContendForOneOutput_HoldersNeverOverlap()
    {
        var allocator = Allocator();
        allocator.AddConfirmed(Op(1), Utia(5_000));
        var inside = 0;
        var maxInside = 0;
        var done = 0;
        var tasks = Enumerable.Range(0, 50).Select(_ => Task.Run(async () =>
        {
            var lease = await allocator.LockAsync(Op(1), default);
            var now = Interlocked.Increment(ref inside);
            InterlockedMax(ref maxInside, now);
            await Task.Yield();
            Interlocked.Decrement(ref inside);
            Interlocked.Increment(ref done);
            lease.Release();
        }));

        await Task.WhenAll(tasks).WaitAsync(TimeSpan.FromSeconds(20));

        done.ShouldBe(50);
        maxInside.ShouldBe(1);
        allocator.ActiveLeases.ShouldBe(0);
        allocator.Unreserved.ShouldBe(Utia(5_000));
    }

    [Fact]
    public async Task LockAsync_TakenTheMomentItIsReleased_FundsAreAlreadyBack()
    {
        // Regression (CI, 2026-12-02): a release freed the output before returning its funds, so a caller locking it in
        // between was refused with insufficient-funds by a wallet holding 5,000 utia.
        var allocator = Allocator();
        allocator.AddConfirmed(Op(1), Utia(5_000));
        var lease = await allocator.LockAsync(Op(1), default);
        for (var round = 0; round < 20_000; round++)
        {
            using var go = new ManualResetEventSlim();
            var held = lease;
            var releaser = Task.Run(() => { go.Wait(); held.Release(); });
            var locker = Task.Run(async () => { go.Set(); return await allocator.LockAsync(Op(1), default); });
            await releaser;
            lease = await locker;
        }

        lease.Release();
        allocator.ActiveLeases.ShouldBe(0);
        allocator.Unreserved.ShouldBe(Utia(5_000));
    }

    [Fact]
    public async Task LockAsync_HeldPastTimeout_ThrowsTimeout()
    {
        var allocator = Allocator(lockTimeout: TimeSpan.FromMilliseconds(100), fakeTime: true);
        allocator.AddConfirmed(Op(1), Utia(5_000));
        allocator.AddConfirmed(Op(2), Utia(5_000));
        using var holder = await allocator.LockAsync(Op(1), default);

        var waiting = allocator.LockAsync(Op(1), default).AsTask();
        _time.Advance(TimeSpan.FromMilliseconds(99));
        waiting.IsCompleted.ShouldBeFalse("still within the lock timeout");
        _time.Advance(TimeSpan.FromMilliseconds(1));
        await Should.ThrowAsync<UtxoLockTimeoutException>(waiting.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task Settle_WithChange_FundsDropByExactlyWhatWasPaid()
    {
        var allocator = Allocator();
        allocator.AddConfirmed(Op(1), Utia(10_000));
        var lease = await allocator.AcquireAsync(Call, default);
        var change = new OutPoint(Hash32.Compute([1]), 1);
        _cache.TryAdd(change, Utia(8_900), UtxoStatus.Pending);

        lease.Settle(change, Utia(8_900));

        allocator.Unreserved.ShouldBe(Utia(8_900));
        _cache.TryGet(change, out var utxo).ShouldBeTrue();
        utxo.Status.ShouldBe(UtxoStatus.Available);
        _cache.TryGet(Op(1), out _).ShouldBeFalse();
        allocator.ActiveLeases.ShouldBe(0);
    }

    [Fact]
    public async Task Discard_SpentElsewhere_DropsOutputAndItsFunds()
    {
        var allocator = Allocator();
        allocator.AddConfirmed(Op(1), Utia(3_000));
        allocator.AddConfirmed(Op(2), Utia(4_000));
        var lease = await allocator.AcquireAsync(Call, default);

        lease.Discard();

        allocator.Unreserved.ShouldBe(Utia(4_000));
        _cache.GetAll().Select(u => u.OutPoint).ShouldBe([Op(2)]);
    }

    [Fact]
    public async Task AcquireAsync_ManyCallsOneLargeOutput_SplitServesAllAndReleasesEveryLock()
    {
        var allocator = Allocator();
        const ulong initial = 10_000_000;
        allocator.AddConfirmed(Op(1), Utia(initial));

        var results = await Task.WhenAll(Enumerable.Range(0, 300).Select(_ => Task.Run(async () =>
        {
            var lease = await allocator.AcquireAsync(Call, default);
            await Task.Delay(1);
            PaySettle(lease);
            return lease.Waited;
        }))).WaitAsync(TimeSpan.FromSeconds(30));

        results.Length.ShouldBe(300);
        await Eventually.TrueAsync(() => allocator.IsIdle, because: "a refill may still be running");
        _metrics.SplitCount.ShouldBeGreaterThanOrEqualTo(1);
        _splitter.Plans.ShouldAllBe(p => p.Outputs.Count <= 256);
        allocator.ActiveLeases.ShouldBe(0);
        allocator.WaitingCalls.ShouldBe(0);
        _cache.GetAll().ShouldAllBe(u => u.Status == UtxoStatus.Available);
        var expected = initial - (300 * Call.Utia) - ((ulong)_metrics.SplitCount * Fee.Utia);
        allocator.Unreserved.ShouldBe(Utia(expected));
        Total(_cache).ShouldBe(Utia(expected));
    }

    [Fact]
    public async Task AcquireAsync_FundsForAboutFiftyOfEighty_ExactlyTheAffordableNumberSucceed()
    {
        var allocator = Allocator();
        const ulong initial = (50 * 1_100) + 3;
        allocator.AddConfirmed(Op(1), Utia(initial));

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 80).Select(_ => Task.Run(async () =>
        {
            try
            {
                var lease = await allocator.AcquireAsync(Call, default);
                await Task.Delay(1);
                PaySettle(lease);
                return "ok";
            }
            catch (InsufficientFundsException)
            {
                return "insufficient";
            }
        }))).WaitAsync(TimeSpan.FromSeconds(30));

        // Affordable = what is left after the split fees the SDK chose to pay, in whole calls.
        await Eventually.TrueAsync(() => allocator.IsIdle);
        var splitFees = (ulong)_metrics.SplitCount * Fee.Utia;
        var affordable = (int)((initial - splitFees) / Call.Utia);
        outcomes.Count(o => o == "ok").ShouldBe(affordable);
        outcomes.Count(o => o == "insufficient").ShouldBe(80 - affordable);
        affordable.ShouldBeGreaterThanOrEqualTo(49);
        allocator.Unreserved.ShouldBe(Utia(initial - ((ulong)affordable * Call.Utia) - splitFees));
        allocator.ActiveLeases.ShouldBe(0);
    }

    [Fact]
    public async Task AcquireAsync_OnlySmallOutputs_ConsolidatingSplitServesTheCall()
    {
        var allocator = Allocator();
        for (var i = 0; i < 10; i++)
        {
            allocator.AddConfirmed(Op(i), Utia(500));
        }

        using var lease = await allocator.AcquireAsync(Call, default).AsTask().WaitAsync(TimeSpan.FromSeconds(10));

        lease.Amount.ShouldBe(Call);
        _splitter.Plans.Single().Inputs.Count.ShouldBe(10);
        allocator.Unreserved.ShouldBe(Utia(5_000 - 1_100 - 100));
    }

    [Fact]
    public async Task AcquireAsync_SplitFeeUnaffordableAndNothingInFlight_RefusesWithInsufficientFunds()
    {
        var allocator = Allocator();
        allocator.AddConfirmed(Op(1), Utia(550));
        allocator.AddConfirmed(Op(2), Utia(550));

        var ex = await Should.ThrowAsync<InsufficientFundsException>(async () => await allocator.AcquireAsync(Call, default).AsTask().WaitAsync(TimeSpan.FromSeconds(10)));

        ex.Required.ShouldBe(Call);
        allocator.Unreserved.ShouldBe(Utia(1_100));
        _splitter.Plans.ShouldBeEmpty();
    }

    [Fact]
    public async Task AcquireAsync_SplitFails_WaitingCallsFailWithSplitFailed()
    {
        _splitter.Failure = new FontanaApiException("node-unreachable", 0, "down");
        var allocator = Allocator();
        allocator.AddConfirmed(Op(1), Utia(500));
        allocator.AddConfirmed(Op(2), Utia(900));

        var ex = await Should.ThrowAsync<FontanaPaymentException>(async () => await allocator.AcquireAsync(Call, default).AsTask().WaitAsync(TimeSpan.FromSeconds(10)));

        ex.Code.ShouldBe("split-failed");
        allocator.Unreserved.ShouldBe(Utia(1_400));
        _cache.GetAll().ShouldAllBe(u => u.Status == UtxoStatus.Available);
    }

    [Fact]
    public async Task AcquireAsync_CancelledWhileWaiting_ReleasesReservation()
    {
        var allocator = Allocator(splits: false);
        allocator.AddConfirmed(Op(1), Utia(5_000));
        using var holder = await allocator.AcquireAsync(Call, default);
        using var cts = new CancellationTokenSource(50);

        await Should.ThrowAsync<OperationCanceledException>(async () => await allocator.AcquireAsync(Call, cts.Token));

        allocator.Unreserved.ShouldBe(Utia(5_000 - 1_100));
        allocator.WaitingCalls.ShouldBe(0);
    }

    [Fact]
    public async Task Split_RefreshSeesItsOutputsBeforeItReturns_FundsCountedOnce()
    {
        var allocator = Allocator();
        const ulong initial = 1_000_000;
        allocator.AddConfirmed(Op(1), Utia(initial));
        _splitter.WhileInFlight = (plan, txId) =>
        {
            // The node applied the split and a refresh lists its outputs (not its input) before the receipt is back.
            var epoch = _cache.Epoch;
            var listing = plan.Outputs.Select((amount, i) => new KeyValuePair<OutPoint, Amount>(new OutPoint(txId, (ushort)i), amount)).ToList();
            allocator.ApplyReconcile(_cache.Reconcile(listing, epoch));
        };

        await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(async () =>
        {
            var lease = await allocator.AcquireAsync(Call, default);
            await Task.Delay(2);
            PaySettle(lease);
        }))).WaitAsync(TimeSpan.FromSeconds(20));
        await Eventually.TrueAsync(() => allocator.IsIdle);

        _metrics.SplitCount.ShouldBeGreaterThanOrEqualTo(1);
        var expected = initial - (20 * Call.Utia) - ((ulong)_metrics.SplitCount * Fee.Utia);
        allocator.Unreserved.ShouldBe(Utia(expected));
        Total(_cache).ShouldBe(Utia(expected), string.Join(",", _cache.GetAll().GroupBy(u => (u.Amount.Utia, u.Status)).Select(g => $"{g.Key}x{g.Count()}")));
    }

    /// <summary>Pays exactly price + fee from the output; any excess comes back as change.</summary>
    private void PaySettle(UtxoLease lease)
    {
        var change = lease.Amount - Call;
        if (change.IsZero)
        {
            lease.Settle(null, Amount.Zero);
            return;
        }

        var changeOutPoint = new OutPoint(Hash32.Compute(System.Text.Encoding.UTF8.GetBytes(lease.LockId)), 1);
        _cache.TryAdd(changeOutPoint, change, UtxoStatus.Pending);
        lease.Settle(changeOutPoint, change);
    }

    private static Amount Total(IUtxoCache cache) => cache.GetAll().Aggregate(Amount.Zero, (sum, u) => sum + u.Amount);

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}
