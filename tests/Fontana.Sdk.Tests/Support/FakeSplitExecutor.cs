using Fontana.Core;
using Fontana.Sdk.Utxos;

namespace Fontana.Sdk.Tests.Support;

/// <summary>An in-test split executor for allocator unit tests: records plans, confirms after a delay (or fails).</summary>
internal sealed class FakeSplitExecutor(Amount fee) : ISplitExecutor
{
    private int _count;

    public Amount SplitFee => fee;

    public TimeSpan Delay { get; set; } = TimeSpan.FromMilliseconds(5);

    public Exception? Failure { get; set; }

    public List<SplitPlan> Plans { get; } = [];

    /// <summary>Runs after the split is signed, while it is "in flight" (e.g. a refresh that already sees it).</summary>
    public Action<SplitPlan, Hash32>? WhileInFlight { get; set; }

    public async Task<Hash32> ExecuteAsync(SplitPlan plan, Action<Hash32>? beforeSubmit, CancellationToken cancellationToken)
    {
        lock (Plans)
        {
            Plans.Add(plan);
        }

        var txId = Hash32.Compute(BitConverter.GetBytes(1_000_000 + Interlocked.Increment(ref _count)));
        beforeSubmit?.Invoke(txId);
        WhileInFlight?.Invoke(plan, txId);

        await Task.Delay(Delay, cancellationToken);
        if (Failure is not null)
        {
            throw Failure;
        }

        return txId;
    }
}
