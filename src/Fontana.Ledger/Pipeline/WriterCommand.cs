using Fontana.Core.Blocks;

namespace Fontana.Ledger.Pipeline;

/// <summary>Something the single writer does, in arrival order.</summary>
internal abstract class WriterCommand
{
    /// <summary>Completes the command with <c>ledger-unavailable</c>.</summary>
    public abstract void Fail(Exception reason);
}

/// <summary>Seal the next block.</summary>
internal sealed class SealCommand : WriterCommand
{
    public TaskCompletionSource<LedgerBlock> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public override void Fail(Exception reason) => Completion.TrySetException(Unavailable(reason));

    internal static LedgerException Unavailable(Exception reason) =>
        reason as LedgerException ?? new LedgerException(LedgerErrorCodes.LedgerUnavailable, "the ledger is unavailable: " + reason.Message, reason);
}

/// <summary>Record that a block was posted to DA.</summary>
internal sealed class MarkPostedCommand(long height, string daReference) : WriterCommand
{
    public long Height { get; } = height;

    public string DaReference { get; } = daReference;

    public TaskCompletionSource Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public override void Fail(Exception reason) => Completion.TrySetException(SealCommand.Unavailable(reason));
}

/// <summary>Re-apply a sealed block (recovery).</summary>
internal sealed class ReplayCommand(Block block, string? daReference, ReplayPreparation prepared) : WriterCommand
{
    public Block Block { get; } = block;

    /// <summary>The block's stateless checks and encodings, done on all cores before the command was sent.</summary>
    public ReplayPreparation Prepared { get; } = prepared;

    public string? DaReference { get; } = daReference;

    public TaskCompletionSource<LedgerBlock> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public override void Fail(Exception reason) => Completion.TrySetException(SealCommand.Unavailable(reason));
}
