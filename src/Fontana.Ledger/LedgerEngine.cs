using System.Threading.Channels;
using Fontana.Core;
using Fontana.Core.Blocks;
using Fontana.Core.Crypto;
using Fontana.Core.Transactions;
using Fontana.Ledger.Blocks;
using Fontana.Ledger.Diagnostics;
using Fontana.Ledger.Genesis;
using Fontana.Ledger.Pipeline;
using Fontana.Ledger.State;

namespace Fontana.Ledger;

/// <summary>
/// The ledger engine (open one with <see cref="LedgerHost.OpenAsync(LedgerOptions, CancellationToken)"/>): verifier workers on all cores → one writer
/// over the in-memory UTXO set → group commits, receipts released after each commit. See <see cref="ILedger"/>.
/// </summary>
public sealed partial class LedgerEngine : ILedger
{
    private readonly LedgerContext _context;
    private readonly StateTree _tree;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<Hash32, Fontana.Core.Sessions.SessionState> _sessions;
    private readonly VerifierPool _verifiers;
    private readonly LedgerWriter _writer;
    private readonly Committer _committer;
    private readonly StateNodeWriter _nodes;
    private readonly Channel<LedgerBlock> _sealedBlocks = Channel.CreateUnbounded<LedgerBlock>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _dispatch;
    private readonly Lock _lifecycle = new();
    private Task? _disposal;
    private volatile bool _closing;

    internal LedgerEngine(
        LedgerContext context, LedgerState state, StateTree tree, int verifierCount, int queueCapacity, int checkpointInterval)
    {
        _context = context;
        _tree = tree;
        _sessions = state.Sessions;
        LedgerWriter? writer = null;
        _committer = new Committer(context, job => writer!.OnCommitted(job), block => _sealedBlocks.Writer.TryWrite(block));
        _nodes = new StateNodeWriter(context);
        var sequencer = new BlockSequencer(context, tree, state.LoadedHeader, _committer.Jobs, _committer.Prepare, _nodes, checkpointInterval);
        writer = new LedgerWriter(context, state, sequencer, _committer.Jobs, _committer.Prepare);
        _writer = writer;
        _verifiers = new VerifierPool(context, writer.Commands, verifierCount, queueCapacity);
        _committer.Start();
        _nodes.Start();
        sequencer.Start();
        _writer.Start();
        _verifiers.Start();
        _dispatch = Task.Run(DispatchAsync);
    }

    /// <inheritdoc/>
    public event EventHandler<BlockSealedEventArgs>? BlockSealed;

    /// <inheritdoc/>
    public string ChainId => _context.ChainId;

    /// <inheritdoc/>
    public GenesisDocument Genesis => _context.Genesis;

    /// <inheritdoc/>
    public Hash32 GenesisHash => _context.Genesis.Hash;

    /// <inheritdoc/>
    public PublicKey SequencerPublicKey => _context.Genesis.SequencerPublicKey;

    /// <inheritdoc/>
    public BlockHeader LatestHeader => _context.LatestHeader;

    /// <inheritdoc/>
    public bool IsFaulted => _context.Fault is not null;

    /// <summary>Why the ledger stopped (fail-stop), or null.</summary>
    public Exception? FaultReason => _context.Fault;

    internal PipelineStats Stats => _context.Stats;

    /// <summary>Where the ledger's time went since it opened — verify, apply, commit, seal, tree rows — as one line,
    /// for load tools (<c>fontana bench ledger</c>).</summary>
    public string DescribePipeline() => _context.Stats.ToString();

    /// <summary>State-tree nodes held in memory (after opening: exactly those reachable from the latest block's root).</summary>
    internal int StateNodeCount => _tree.NodeCount;

    /// <summary>"sqlite" or "postgres".</summary>
    public string StoreKind => _context.Store.Kind;

    /// <inheritdoc/>
    public Task<ApplyResult> ApplyAsync(Transaction transaction, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        return LedgerActivities.Trace(SubmitAsync(new PendingApply(transaction, default), cancellationToken), transaction);
    }

    /// <inheritdoc/>
    public Task<ApplyResult> ApplyAsync(ReadOnlyMemory<byte> canonicalBytes, CancellationToken cancellationToken = default) =>
        LedgerActivities.Trace(SubmitAsync(new PendingApply(null, canonicalBytes), cancellationToken), null);

    /// <inheritdoc/>
    public async Task<LedgerBlock> SealAsync(CancellationToken cancellationToken = default)
    {
        var command = new SealCommand();
        Send(command);
        return await command.Completion.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async Task MarkPostedAsync(ulong height, string daReference, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(daReference);
        var command = new MarkPostedCommand(checked((long)height), daReference);
        Send(command);
        await command.Completion.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async Task<LedgerBlock> ApplySealedBlockAsync(Block block, string? daReference = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(block);
        // Signatures and encodings on all cores here, before the writer: a caller that submits the next block while
        // this one commits (ChainRecovery) overlaps verification with the writer, the sequencer and the commit.
        var command = new ReplayCommand(block, daReference, ReplayPreparation.Prepare(block, _context));
        Send(command);
        return await command.Completion.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Finishes queued work (everything accepted so far is committed), stops the pipeline and closes the store.</summary>
    public ValueTask DisposeAsync()
    {
        lock (_lifecycle)
        {
            _closing = true;
            _disposal ??= CloseAsync();
        }

        return new ValueTask(_disposal);
    }

    private async Task<ApplyResult> SubmitAsync(PendingApply item, CancellationToken cancellationToken)
    {
        if (Unavailable() is { } reason)
        {
            return ApplyResult.Unavailable(item.TxId, reason);
        }

        if (_context.SequencerKey is null)
        {
            return ApplyResult.Unavailable(item.TxId, "this ledger has no sequencer key: it only replays blocks");
        }

        if (!_verifiers.Input.TryWrite(item))
        {
            try
            {
                await _verifiers.Input.WriteAsync(item, cancellationToken).ConfigureAwait(false);
            }
            catch (ChannelClosedException)
            {
                return ApplyResult.Unavailable(item.TxId, "the ledger is closed");
            }
        }

        return await item.Completion.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    private void Send(WriterCommand command)
    {
        if (Unavailable() is { } reason)
        {
            throw new LedgerException(LedgerErrorCodes.LedgerUnavailable, reason);
        }

        if (!_writer.Commands.TryWrite(command))
        {
            throw new LedgerException(LedgerErrorCodes.LedgerUnavailable, "the ledger is closed");
        }
    }

    private string? Unavailable() =>
        _context.Fault is { } fault ? "the ledger stopped after a failure (reopen it): " + fault.Message
        : _closing ? "the ledger is closed"
        : null;

    private async Task CloseAsync()
    {
        await _verifiers.StopAsync().ConfigureAwait(false);
        await _writer.StopAsync().ConfigureAwait(false);
        await _committer.Completion.ConfigureAwait(false);

        // After a bulk load the txid index is built on the store's writer connection while the state-node writer
        // writes the last tree on its own (two cores, two files); a failure is left to the store's close to retry and report.
        var index = Task.Run(() => _context.Store.RestoreTxIdIndexAsync(CancellationToken.None));
        await _nodes.StopAsync().ConfigureAwait(false);
        try
        {
            await index.ConfigureAwait(false);
        }
#pragma warning disable CA1031 // Reported by the store's close, which tries again.
        catch (Exception)
#pragma warning restore CA1031
        {
        }

        _sealedBlocks.Writer.TryComplete();
        await _dispatch.ConfigureAwait(false);
        await _context.Store.DisposeAsync().ConfigureAwait(false);
        _tree.Dispose();
    }

    private async Task DispatchAsync()
    {
        await foreach (var block in _sealedBlocks.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            try
            {
                BlockSealed?.Invoke(this, new BlockSealedEventArgs(block));
            }
#pragma warning disable CA1031 // A subscriber's bug must not stop block notifications for the others.
            catch (Exception)
#pragma warning restore CA1031
            {
            }
        }
    }
}
