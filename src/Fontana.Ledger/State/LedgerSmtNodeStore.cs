using Fontana.Core;
using Fontana.Core.Merkle;

namespace Fontana.Ledger.State;

/// <summary>
/// The state tree's nodes, all in memory (loaded from the store's smt_nodes table at open; about 120 bytes per node,
/// ~2.4 nodes per unspent output). Not synchronized itself: <see cref="StateTree"/> guards it with a reader/writer lock.
/// </summary>
internal sealed class LedgerSmtNodeStore : ISmtNodeStore
{
    private readonly Dictionary<Hash32, SmtNode> _nodes;

    public LedgerSmtNodeStore(int capacity = 0) => _nodes = new Dictionary<Hash32, SmtNode>(capacity);

    public int Count => _nodes.Count;

    public bool TryGet(Hash32 hash, out SmtNode node) => _nodes.TryGetValue(hash, out node);

    public void PutNodes(IReadOnlyList<KeyValuePair<Hash32, SmtNode>> nodes)
    {
        // Grow geometrically: EnsureCapacity(count + n) resizes to exactly that (the next prime), so calling it per batch
        // rehashed the whole table on every block — quadratic in the chain (recovery of 1M payments: docs/benchmarks.md).
        var needed = _nodes.Count + nodes.Count;
        if (needed > _nodes.Capacity)
        {
            _nodes.EnsureCapacity(Math.Max(needed, _nodes.Capacity * 2));
        }
        for (var i = 0; i < nodes.Count; i++)
        {
            _nodes[nodes[i].Key] = nodes[i].Value;
        }
    }

    /// <summary>Adds a stored node (at open); the encoding is trusted but its hash is not recomputed.</summary>
    public void Load(byte[] hash, byte[] encoded) => _nodes[Hash32.FromBytes(hash)] = SmtNode.Decode(encoded);

    public void Remove(Hash32 hash) => _nodes.Remove(hash);

    /// <summary>Every stored node's hash (a snapshot).</summary>
    public List<Hash32> Hashes => [.. _nodes.Keys];
}
