using Fontana.Core;
using Fontana.Ledger.Storage;

namespace Fontana.Ledger.State;

/// <summary>
/// The difference between the stored state tree (the last checkpoint) and the tree in memory: nodes added since (and
/// still used) and nodes of the stored tree no longer used. Invariant: stored + added − removed = memory. Written as
/// one checkpoint every <c>StateCheckpointInterval</c> blocks, so nodes that live and die between two checkpoints
/// (upper levels rewritten by every block, outputs created and spent soon after) never reach the store.
/// Sequencer thread only.
/// </summary>
internal sealed class StateCheckpointTracker
{
    private HashSet<Hash32> _added = [];
    private HashSet<Hash32> _removed = [];

    public int PendingRows => _added.Count + _removed.Count;

    /// <summary>Records one tree update: the nodes it created and the ones it made stale.</summary>
    public void Record(IReadOnlyList<Hash32> created, IReadOnlyList<Hash32> stale)
    {
        foreach (var hash in created)
        {
            if (!_removed.Remove(hash))
            {
                _added.Add(hash);
            }
        }

        foreach (var hash in stale)
        {
            if (!_added.Remove(hash))
            {
                _removed.Add(hash);
            }
        }
    }

    /// <summary>The rows that move the stored tree to the tree in memory; starts a new difference.</summary>
    public List<SmtNodeRow> TakeRows(StateTree tree)
    {
        var rows = new List<SmtNodeRow>(_added.Count + _removed.Count);
        foreach (var hash in _removed)
        {
            rows.Add(new SmtNodeRow(hash.ToArray(), null));
        }

        foreach (var hash in _added)
        {
            rows.Add(new SmtNodeRow(hash.ToArray(), tree.Encode(hash)));
        }

        _added = [];
        _removed = [];
        return rows;
    }
}
