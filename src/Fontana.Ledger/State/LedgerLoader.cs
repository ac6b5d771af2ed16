using Fontana.Core;
using Fontana.Core.Encoding;
using Fontana.Core.Sessions;
using Fontana.Core.Transactions;
using Fontana.Ledger.Sessions;
using Fontana.Ledger.Storage;

namespace Fontana.Ledger.State;

/// <summary>
/// Rebuilds the writer's memory from the store at open: every unspent output, bridge bookkeeping, the state tree
/// (the stored checkpoint's nodes, then the net changes of the few blocks sealed after it — never a rehash of the
/// whole set), and the pending block from the committed but unsealed transactions.
/// </summary>
internal static class LedgerLoader
{
    private const int PageSize = 10_000;

    public static async Task<(LedgerState State, StateTree Tree, AddressIndex Addresses)> LoadAsync(ILedgerStore store, Address feeAddress, CancellationToken cancellationToken)
    {
        var latest = await store.GetLatestBlockAsync(cancellationToken).ConfigureAwait(false)
            ?? throw new LedgerException(LedgerErrorCodes.StoreFailure, "the store has a chain but no block 0");
        var header = BlockHeaderCodec.Decode(latest.HeaderBytes);
        var lastSeq = await store.GetLastSeqAsync(cancellationToken).ConfigureAwait(false);
        var nextBlockSeq = latest.FirstSeq + latest.TxCount;
        var state = new LedgerState(0, lastSeq, header, nextBlockSeq);
        var addresses = new AddressIndex();
        await store.LoadUnspentAsync(
            (outPoint, owner, amount, createdSeq) =>
            {
                state.AddUtxo(outPoint, new TxOutput(new Address(owner), amount), createdSeq);
                addresses.Add(outPoint, owner, amount, createdSeq);
            },
            cancellationToken).ConfigureAwait(false);
        await store.LoadBridgeStateAsync(
            reference => state.DepositRefs.Add(reference),
            (txId, confirmed) => state.Withdrawals[txId] = confirmed,
            cancellationToken).ConfigureAwait(false);
        var sessions = await LoadSessionsAsync(store, state, cancellationToken).ConfigureAwait(false);

        var checkpoint = await store.GetStateCheckpointAsync(cancellationToken).ConfigureAwait(false)
            ?? throw new LedgerException(LedgerErrorCodes.StoreFailure, "the store has no state-tree checkpoint");
        if ((ulong)checkpoint.Height > header.Height)
        {
            throw new LedgerException(LedgerErrorCodes.StoreFailure, $"the state-tree checkpoint (block {checkpoint.Height}) is ahead of the last block ({header.Height})");
        }

        var load = new StateTreeLoad();
        await store.LoadSmtNodesAsync(load.Add, cancellationToken).ConfigureAwait(false);
        StateTree tree;
        List<Hash32> garbage;
        try
        {
            (tree, garbage) = load.Build(checkpoint.Root);
        }
        catch (InvalidDataException e)
        {
            throw new LedgerException(LedgerErrorCodes.StoreFailure, $"the stored state tree of checkpoint block {checkpoint.Height} is incomplete: {e.Message}", e);
        }

        // Checkpoints are atomic, so there should be nothing unreachable; drop it if there is.
        if (garbage.Count > 0)
        {
            var deletes = new List<SmtNodeRow>(garbage.Count);
            foreach (var hash in garbage)
            {
                deletes.Add(new SmtNodeRow(hash.ToArray(), null));
            }

            await store.WriteStateCheckpointAsync(deletes, checkpoint.Height, checkpoint.Root, cancellationToken).ConfigureAwait(false);
        }

        // Bring the tree from the checkpoint to the last block: the net changes of the blocks after it, hashed once.
        if ((ulong)checkpoint.Height < header.Height)
        {
            var checkpointBlock = await store.GetBlockAsync(checkpoint.Height, cancellationToken).ConfigureAwait(false)
                ?? throw new LedgerException(LedgerErrorCodes.StoreFailure, $"block {checkpoint.Height} of the state-tree checkpoint is missing");
            var since = new PendingBlock(checkpointBlock.FirstSeq + checkpointBlock.TxCount);
            await ReplayAsync(store, since, nextBlockSeq - 1, feeAddress, cancellationToken).ConfigureAwait(false);
            AddSessionChanges(sessions, since, nextBlockSeq - 1);
            var (root, _) = tree.Apply(since.ToStateChanges());
            if (root != header.StateRoot)
            {
                throw new LedgerException(
                    LedgerErrorCodes.StoreFailure,
                    $"the state tree rebuilt from checkpoint block {checkpoint.Height} has root {root}, block {header.Height} says {header.StateRoot}");
            }

        }

        await ReplayAsync(store, state.Pending, lastSeq, feeAddress, cancellationToken).ConfigureAwait(false);
        AddSessionChanges(sessions, state.Pending, lastSeq);
        return (state, tree, addresses);
    }

    /// <summary>
    /// Rebuilds every session by replaying the committed session transactions in order (they were checked when
    /// applied); returns each one's state after it, by sequence number, for the state-tree replay.
    /// </summary>
    private static async Task<List<(long Seq, SessionState After)>> LoadSessionsAsync(ILedgerStore store, LedgerState state, CancellationToken cancellationToken)
    {
        var history = new List<(long Seq, SessionState After)>();
        await store.LoadSessionTransactionsAsync(
            (seq, bytes) =>
            {
                var tx = TransactionCodec.Decode(bytes);
                var id = SessionSection.SessionIdOf(tx);
                var previous = state.Sessions.GetValueOrDefault(id);
                var next = SessionRules.Transition(tx, previous);
                state.SetSession(next, previous);
                history.Add((seq, next));
            },
            cancellationToken).ConfigureAwait(false);
        return history;
    }

    /// <summary>Puts the session states of transactions <c>block.FirstSeq</c>..<paramref name="toSeq"/> into <paramref name="block"/>.</summary>
    private static void AddSessionChanges(List<(long Seq, SessionState After)> history, PendingBlock block, long toSeq)
    {
        foreach (var (seq, after) in history)
        {
            if (seq >= block.FirstSeq && seq <= toSeq)
            {
                block.SessionChanged(after);
            }
        }
    }

    /// <summary>Adds the effects of committed transactions <c>block.FirstSeq</c>..<paramref name="toSeq"/> to <paramref name="block"/>.</summary>
    private static async Task ReplayAsync(ILedgerStore store, PendingBlock block, long toSeq, Address feeAddress, CancellationToken cancellationToken)
    {
        for (var from = block.FirstSeq; from <= toSeq; from += PageSize)
        {
            var page = await store.GetTransactionsFromSeqAsync(from, (int)Math.Min(PageSize, toSeq - from + 1), cancellationToken).ConfigureAwait(false);
            foreach (var stored in page)
            {
                var tx = TransactionCodec.Decode(stored.Bytes);
                foreach (var input in tx.Inputs)
                {
                    block.Spent(input);
                }

                var created = TxEffects.CreatedCount(tx);
                for (var i = 0; i < created; i++)
                {
                    block.Created(new OutPoint(tx.TxId, (ushort)i), TxEffects.Created(tx, i, feeAddress));
                }

                block.TxIds.Add(tx.TxId);
            }

            if (page.Count < PageSize)
            {
                break;
            }
        }
    }
}
