using Fontana.Core;
using Fontana.Core.Merkle;

namespace Fontana.Ledger.State;

/// <summary>
/// The state tree's nodes, all in memory (loaded from the store's smt_nodes table at open; about 120 bytes per node,
/// ~2.4 nodes per unspent output), in two shards split by the node hash's last bit, so a block's node insertions and
/// removals run on two threads (<see cref="Replace"/>). Not synchronized itself: <see cref="StateTree"/> guards it with
/// a reader/writer lock.
/// </summary>
internal sealed class LedgerSmtNodeStore : ISmtNodeStore
{
    /// <summary>Shards: one per core of the machine this is tuned for; a node's shard is its hash's last bit.</summary>
    public const int ShardCount = 2;

    private readonly Dictionary<Hash32, SmtNode>[] _shards = new Dictionary<Hash32, SmtNode>[ShardCount];
    private IReadOnlyList<KeyValuePair<Hash32, SmtNode>>? _deferred;
    private bool _deferring;

    public LedgerSmtNodeStore(int capacity = 0)
    {
        for (var i = 0; i < ShardCount; i++)
        {
            _shards[i] = new Dictionary<Hash32, SmtNode>(capacity / ShardCount);
        }
    }

    public int Count
    {
        get
        {
            var count = 0;
            foreach (var shard in _shards)
            {
                count += shard.Count;
            }

            return count;
        }
    }

    /// <summary>Every stored node's hash (a snapshot).</summary>
    public List<Hash32> Hashes
    {
        get
        {
            var hashes = new List<Hash32>(Count);
            foreach (var shard in _shards)
            {
                hashes.AddRange(shard.Keys);
            }

            return hashes;
        }
    }

    public static int ShardOf(in Hash32 hash) => hash.GetBit(255);

    public bool TryGet(Hash32 hash, out SmtNode node) => _shards[ShardOf(hash)].TryGetValue(hash, out node);

    /// <summary>
    /// Stores an update's new nodes; between <see cref="BeginUpdate"/> and <see cref="TakeDeferred"/> only remembers
    /// them (the tree's updater calls this once, at its end), so <see cref="StateTree"/> can drop the stale nodes first.
    /// </summary>
    public void PutNodes(IReadOnlyList<KeyValuePair<Hash32, SmtNode>> nodes)
    {
        if (_deferring)
        {
            _deferred = nodes;
            return;
        }

        for (var shard = 0; shard < ShardCount; shard++)
        {
            PutShard(shard, nodes);
        }
    }

    /// <summary>From now until <see cref="TakeDeferred"/>, <see cref="PutNodes"/> only remembers its nodes.</summary>
    public void BeginUpdate()
    {
        _deferring = true;
        _deferred = null;
    }

    /// <summary>The nodes the update put (none when it changed nothing); puts go straight in again.</summary>
    public IReadOnlyList<KeyValuePair<Hash32, SmtNode>> TakeDeferred()
    {
        _deferring = false;
        var nodes = _deferred ?? [];
        _deferred = null;
        return nodes;
    }

    /// <summary>
    /// In shard <paramref name="shard"/> only: removes the <paramref name="stale"/> nodes, then stores the
    /// <paramref name="created"/> ones — in that order, so a node both made stale and created again (content
    /// addressing) stays. Different shards may be replaced concurrently.
    /// </summary>
    public void Replace(int shard, IReadOnlyList<Hash32> stale, IReadOnlyList<KeyValuePair<Hash32, SmtNode>> created)
    {
        var nodes = _shards[shard];
        for (var i = 0; i < stale.Count; i++)
        {
            var hash = stale[i];
            if (ShardOf(hash) == shard)
            {
                nodes.Remove(hash);
            }
        }

        PutShard(shard, created);
    }

    /// <summary>Adds a stored node (at open); the encoding is trusted but its hash is not recomputed.</summary>
    public void Load(byte[] hash, byte[] encoded)
    {
        var key = Hash32.FromBytes(hash);
        _shards[ShardOf(key)][key] = SmtNode.Decode(encoded);
    }

    public void Remove(Hash32 hash) => _shards[ShardOf(hash)].Remove(hash);

    private void PutShard(int shard, IReadOnlyList<KeyValuePair<Hash32, SmtNode>> nodes)
    {
        var target = _shards[shard];

        // Grow geometrically: EnsureCapacity(count + n) resizes to exactly that (the next prime), so calling it per batch
        // rehashed the whole table on every block — quadratic in the chain (recovery of 1M payments: docs/benchmarks.md).
        var needed = target.Count + (nodes.Count / ShardCount) + 16;
        if (needed > target.Capacity)
        {
            target.EnsureCapacity(Math.Max(needed, target.Capacity * 2));
        }

        for (var i = 0; i < nodes.Count; i++)
        {
            var node = nodes[i];
            if (ShardOf(node.Key) == shard)
            {
                target[node.Key] = node.Value;
            }
        }
    }
}
