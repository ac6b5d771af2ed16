namespace Fontana.Core.Merkle;

/// <summary>
/// Where the state tree keeps its nodes, addressed by hash (content-addressed: a node's key is SHA-256 of its
/// 65-byte encoding, see <see cref="SmtNode"/>). A ledger can back this with a table
/// <c>(hash BLOB PRIMARY KEY, node BLOB)</c> and reopen a tree at a stored root without rehashing anything.
/// Nodes are immutable, so a write never changes what a hash means; old nodes stay readable until pruned
/// (pruning is optional and outside this interface: see <see cref="SmtUpdateResult.StaleNodes"/>).
/// </summary>
public interface ISmtNodeStore
{
    /// <summary>The node whose hash is <paramref name="hash"/>, if stored. Called concurrently by readers.</summary>
    bool TryGet(Hash32 hash, out SmtNode node);

    /// <summary>
    /// Stores the nodes one update created, as one batch (one database transaction, if the store has them).
    /// Storing a node that is already present is a no-op.
    /// </summary>
    void PutNodes(IReadOnlyList<KeyValuePair<Hash32, SmtNode>> nodes);
}
