using Fontana.Core;
using Fontana.Core.Merkle;
using Fontana.Ledger.Storage;

namespace Fontana.Ledger.State;

/// <summary>
/// The difference between the stored state tree (the last checkpoint) and the tree in memory: nodes added since (and
/// still used) and nodes of the stored tree no longer used. Invariant: stored + added − removed = memory. Written as
/// one checkpoint every <c>StateCheckpointInterval</c> blocks, so nodes that live and die between two checkpoints
/// (upper levels rewritten by every block, outputs created and spent soon after) never reach the store.
/// Kept in the node store's shards (<see cref="LedgerSmtNodeStore.ShardOf"/>) so each shard is recorded on its own
/// thread. Sequencer thread only (one thread per shard inside <see cref="StateTree.Apply"/>).
/// </summary>
internal sealed class StateCheckpointTracker
{
    private readonly HashSet<Hash32>[] _added = new HashSet<Hash32>[LedgerSmtNodeStore.ShardCount];
    private readonly HashSet<Hash32>[] _removed = new HashSet<Hash32>[LedgerSmtNodeStore.ShardCount];

    public StateCheckpointTracker()
    {
        for (var i = 0; i < LedgerSmtNodeStore.ShardCount; i++)
        {
            _added[i] = [];
            _removed[i] = [];
        }
    }

    public int PendingRows
    {
        get
        {
            var rows = 0;
            for (var i = 0; i < LedgerSmtNodeStore.ShardCount; i++)
            {
                rows += _added[i].Count + _removed[i].Count;
            }

            return rows;
        }
    }

    /// <summary>
    /// Records one tree update in shard <paramref name="shard"/>: first the nodes it made stale, then the nodes it
    /// created (the order the node store applies them in, so a node that is both stays).
    /// </summary>
    public void Record(int shard, IReadOnlyList<Hash32> stale, IReadOnlyList<KeyValuePair<Hash32, SmtNode>> created)
    {
        var added = _added[shard];
        var removed = _removed[shard];
        for (var i = 0; i < stale.Count; i++)
        {
            var hash = stale[i];
            if (LedgerSmtNodeStore.ShardOf(hash) == shard && !added.Remove(hash))
            {
                removed.Add(hash);
            }
        }

        for (var i = 0; i < created.Count; i++)
        {
            var hash = created[i].Key;
            if (LedgerSmtNodeStore.ShardOf(hash) == shard && !removed.Remove(hash))
            {
                added.Add(hash);
            }
        }
    }

    /// <summary>The rows that move the stored tree to the tree in memory; starts a new difference.</summary>
    public List<SmtNodeRow> TakeRows(StateTree tree)
    {
        var rows = new List<SmtNodeRow>(PendingRows);
        for (var i = 0; i < LedgerSmtNodeStore.ShardCount; i++)
        {
            foreach (var hash in _removed[i])
            {
                rows.Add(new SmtNodeRow(hash.ToArray(), null));
            }

            foreach (var hash in _added[i])
            {
                rows.Add(new SmtNodeRow(hash.ToArray(), tree.Encode(hash)));
            }

            _added[i] = [];
            _removed[i] = [];
        }

        return rows;
    }
}
