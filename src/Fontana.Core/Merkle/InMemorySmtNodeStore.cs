namespace Fontana.Core.Merkle;

/// <summary>
/// State-tree nodes in a dictionary (about 120 bytes per node; a tree of n keys has about 2.4 n nodes).
/// Safe for concurrent readers and one writer: every call takes a short lock. A ledger that persists nodes
/// elsewhere can reopen by putting the stored nodes back here and opening the tree at the stored root.
/// </summary>
public sealed class InMemorySmtNodeStore : ISmtNodeStore
{
    private readonly Dictionary<Hash32, SmtNode> _nodes;
    private readonly Lock _lock = new();

    /// <summary>An empty store that grows as nodes are put.</summary>
    public InMemorySmtNodeStore()
        : this(0)
    {
    }

    /// <summary>A store with room for <paramref name="capacity"/> nodes before it grows.</summary>
    public InMemorySmtNodeStore(int capacity)
    {
        _nodes = new Dictionary<Hash32, SmtNode>(capacity);
    }

    /// <summary>Number of stored nodes.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _nodes.Count;
            }
        }
    }

    /// <inheritdoc/>
    public bool TryGet(Hash32 hash, out SmtNode node)
    {
        lock (_lock)
        {
            return _nodes.TryGetValue(hash, out node);
        }
    }

    /// <inheritdoc/>
    public void PutNodes(IReadOnlyList<KeyValuePair<Hash32, SmtNode>> nodes)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        lock (_lock)
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
    }

    /// <summary>
    /// Prunes nodes, typically <see cref="SmtUpdateResult.StaleNodes"/> of an update, after which the trees at
    /// earlier roots can no longer be read. Returns how many were present.
    /// </summary>
    public int Remove(IEnumerable<Hash32> hashes)
    {
        ArgumentNullException.ThrowIfNull(hashes);
        var removed = 0;
        lock (_lock)
        {
            foreach (var hash in hashes)
            {
                if (_nodes.Remove(hash))
                {
                    removed++;
                }
            }
        }

        return removed;
    }

    /// <summary>A copy of every stored node (for persisting or inspecting a store).</summary>
    public IReadOnlyList<KeyValuePair<Hash32, SmtNode>> Snapshot()
    {
        lock (_lock)
        {
            return [.. _nodes];
        }
    }
}
