namespace Fontana.Core.Merkle;

/// <summary>What one <see cref="SparseMerkleTree.Update"/> did.</summary>
public sealed class SmtUpdateResult
{
    internal SmtUpdateResult(
        Hash32 root,
        int changeCount,
        long hashCount,
        IReadOnlyList<KeyValuePair<Hash32, SmtNode>> newNodes,
        IReadOnlyList<Hash32> staleNodes)
    {
        Root = root;
        ChangeCount = changeCount;
        HashCount = hashCount;
        NewNodes = newNodes;
        StaleNodes = staleNodes;
    }

    /// <summary>The tree's root after the update.</summary>
    public Hash32 Root { get; }

    /// <summary>Distinct keys in the batch (after duplicates were folded, last one winning).</summary>
    public int ChangeCount { get; }

    /// <summary>SHA-256 computations the update made (leaves and interior nodes).</summary>
    public long HashCount { get; }

    /// <summary><see cref="HashCount"/> per distinct key changed (0 for an empty batch).</summary>
    public double HashesPerChange => ChangeCount == 0 ? 0 : (double)HashCount / ChangeCount;

    /// <summary>Nodes created by the update (hash, node), already written to the store with one
    /// <see cref="ISmtNodeStore.PutNodes"/> call. A ledger persists exactly these.</summary>
    public IReadOnlyList<KeyValuePair<Hash32, SmtNode>> NewNodes { get; }

    /// <summary>
    /// Nodes of the previous root's tree that the new root's tree no longer uses. Deleting them (with the
    /// update's new nodes inserted in the same transaction) keeps only the latest tree. Because nodes are
    /// addressed by content, a later update may create one of them again, so prune right away or not at all.
    /// </summary>
    public IReadOnlyList<Hash32> StaleNodes { get; }
}
