using Fontana.Core;
using Fontana.Core.Encoding;
using Fontana.Core.Transactions;
using Fontana.Ledger.Storage;

namespace Fontana.Ledger.State;

/// <summary>
/// Rebuilds the writer's memory from the store at open: every unspent output, bridge bookkeeping, the state tree
/// as of the last sealed block (its stored nodes, no rehashing), and the pending block from the committed but
/// unsealed transactions.
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
                state.AddUtxo(outPoint, new TxOutput(new Address(owner), amount));
                addresses.Add(outPoint, owner, amount, createdSeq);
            },
            cancellationToken).ConfigureAwait(false);
        await store.LoadBridgeStateAsync(
            reference => state.DepositRefs.Add(reference),
            (txId, confirmed) => state.Withdrawals[txId] = confirmed,
            cancellationToken).ConfigureAwait(false);

        var nodes = new LedgerSmtNodeStore();
        await store.LoadSmtNodesAsync(nodes.Load, cancellationToken).ConfigureAwait(false);
        StateTree tree;
        try
        {
            tree = new StateTree(nodes, header.StateRoot);
        }
        catch (ArgumentException e)
        {
            throw new LedgerException(LedgerErrorCodes.StoreFailure, $"the stored state tree lacks the root of block {header.Height}: {e.Message}", e);
        }

        // Nodes not reachable from the root: new nodes of a block that was never committed, or stale nodes whose
        // deletion was cut short by a crash.
        var garbage = tree.CollectGarbage();
        if (garbage.Count > 0)
        {
            var deletes = new List<SmtNodeRow>(garbage.Count);
            foreach (var hash in garbage)
            {
                deletes.Add(new SmtNodeRow(hash.ToArray(), null));
            }

            await store.WriteStateNodesAsync(deletes, cancellationToken).ConfigureAwait(false);
        }

        for (var from = nextBlockSeq; from <= lastSeq; from += PageSize)
        {
            var page = await store.GetTransactionsFromSeqAsync(from, PageSize, cancellationToken).ConfigureAwait(false);
            foreach (var stored in page)
            {
                var tx = TransactionCodec.Decode(stored.Bytes);
                foreach (var input in tx.Inputs)
                {
                    state.Pending.Spent(input);
                }

                var created = TxEffects.CreatedCount(tx);
                for (var i = 0; i < created; i++)
                {
                    state.Pending.Created(new OutPoint(tx.TxId, (ushort)i), TxEffects.Created(tx, i, feeAddress));
                }

                state.Pending.TxIds.Add(tx.TxId);
            }

            if (page.Count < PageSize)
            {
                break;
            }
        }

        return (state, tree, addresses);
    }
}
