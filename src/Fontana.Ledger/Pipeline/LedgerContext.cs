using Fontana.Core;
using Fontana.Core.Blocks;
using Fontana.Core.Crypto;
using Fontana.Ledger.Genesis;
using Fontana.Ledger.State;
using Fontana.Ledger.Storage;

namespace Fontana.Ledger.Pipeline;

/// <summary>What every stage of the pipeline shares: chain parameters, keys, clock, store, and the fail-stop flag.</summary>
internal sealed class LedgerContext(GenesisDocument genesis, ILedgerStore store, LedgerOptions options, BlockHeader latestHeader, AddressIndex addresses)
{
    private Exception? _fault;
    private BlockHeader _latestHeader = latestHeader;
    private TaskCompletionSource _headerChanged = NewSignal();

    public GenesisDocument Genesis { get; } = genesis;

    public string ChainId => Genesis.ChainId;

    public Address FeeAddress => Genesis.FeeAddress;

    public ILedgerStore Store { get; } = store;

    /// <summary>Committed unspent outputs by owner (updated by the committer before receipts are released).</summary>
    public AddressIndex Addresses { get; } = addresses;

    public PrivateKey? SequencerKey { get; } = options.SequencerKey;

    public PrivateKey? BridgeAuthorityKey { get; } = options.BridgeAuthorityKey;

    public TimeProvider Time { get; } = options.TimeProvider;

    public int MaxBatchSize { get; } = options.MaxBatchSize;

    public PipelineStats Stats { get; } = new();

    /// <summary>The latest durably stored header (updated by the committer); setting it completes <see cref="HeaderChanged"/>.</summary>
    public BlockHeader LatestHeader
    {
        get => Volatile.Read(ref _latestHeader);
        set
        {
            Volatile.Write(ref _latestHeader, value);
            Interlocked.Exchange(ref _headerChanged, NewSignal()).TrySetResult();
        }
    }

    /// <summary>Completes at the next change of <see cref="LatestHeader"/> or when the ledger fails. Take it
    /// before reading the header, so a change in between is not missed.</summary>
    public Task HeaderChanged => Volatile.Read(ref _headerChanged).Task;

    /// <summary>Why the ledger stopped, or null while it runs.</summary>
    public Exception? Fault => Volatile.Read(ref _fault);

    /// <summary>Stops the ledger for good (fail-stop); the first reason wins.</summary>
    public void Fail(Exception reason)
    {
        Interlocked.CompareExchange(ref _fault, reason, null);
        Volatile.Read(ref _headerChanged).TrySetResult();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ulong NowUnixMilliseconds() => (ulong)Math.Max(0, Time.GetUtcNow().ToUnixTimeMilliseconds());
}
