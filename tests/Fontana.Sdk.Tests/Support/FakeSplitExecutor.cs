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

    public async Task<Hash32> ExecuteAsync(SplitPlan plan, CancellationToken cancellationToken)
    {
        lock (Plans)
        {
            Plans.Add(plan);
        }

        await Task.Delay(Delay, cancellationToken);
        if (Failure is not null)
        {
            throw Failure;
        }

        return Hash32.Compute(BitConverter.GetBytes(1_000_000 + Interlocked.Increment(ref _count)));
    }
}
