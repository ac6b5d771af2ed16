namespace Fontana.Core.Merkle;

/// <summary>One change in a batch update of a sparse Merkle tree: set <paramref name="Key"/> to <paramref name="Value"/>
/// (<paramref name="IsSet"/>), or delete it; <paramref name="Order"/> is its place in the batch as given.</summary>
/// <param name="Key">The leaf's key.</param>
/// <param name="Value">The new value (ignored for a delete).</param>
/// <param name="IsSet">True to set, false to delete.</param>
/// <param name="Order">Its index in the batch as given (the last change of a key wins).</param>
public readonly record struct SmtChange(Hash32 Key, Hash32 Value, bool IsSet, int Order);

/// <summary>
/// The batch work shared by the tree updaters (Core's <see cref="SparseMerkleTree"/> over a node store, the ledger's
/// in-memory state tree): changes sorted by key with one per key, split by a key bit, looked up by key.
/// </summary>
public static class SmtChangeBatch
{
    /// <summary>Writes <paramref name="changes"/> into the front of <paramref name="buffer"/> sorted by key, keeping the
    /// change given last for each key; returns how many it kept.</summary>
    public static int SortDistinct(IReadOnlyList<(Hash32 Key, Hash32? Value)> changes, Span<SmtChange> buffer)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var sorted = buffer[..changes.Count];
        for (var i = 0; i < sorted.Length; i++)
        {
            var (key, value) = changes[i];
            sorted[i] = new SmtChange(key, value.GetValueOrDefault(), value.HasValue, i);
        }

        sorted.Sort(default(KeyThenOrder));
        var kept = 0;
        for (var i = 0; i < sorted.Length; i++)
        {
            if (kept > 0 && sorted[kept - 1].Key == sorted[i].Key)
            {
                sorted[kept - 1] = sorted[i];
            }
            else
            {
                sorted[kept++] = sorted[i];
            }
        }

        return kept;
    }

    /// <summary>First index whose key has bit <paramref name="depth"/> set (the changes share the bits above and are sorted).</summary>
    public static int SplitPoint(ReadOnlySpan<SmtChange> changes, int depth)
    {
        int lo = 0, hi = changes.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (changes[mid].Key.GetBit(depth) == 0)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    /// <summary>How many of <paramref name="changes"/> set a value, counted only up to 2 (all a subtree builder needs:
    /// none, one leaf, or a split), and the index of the first of them (-1 when none).</summary>
    public static int CountSetUpToTwo(ReadOnlySpan<SmtChange> changes, out int firstSet)
    {
        firstSet = -1;
        var count = 0;
        for (var i = 0; i < changes.Length && count < 2; i++)
        {
            if (changes[i].IsSet)
            {
                firstSet = firstSet < 0 ? i : firstSet;
                count++;
            }
        }

        return count;
    }

    /// <summary>The index of the change of <paramref name="key"/> in sorted <paramref name="changes"/>, or -1.</summary>
    public static int IndexOf(ReadOnlySpan<SmtChange> changes, Hash32 key)
    {
        int lo = 0, hi = changes.Length - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            var c = changes[mid].Key.CompareTo(key);
            if (c == 0)
            {
                return mid;
            }

            if (c < 0)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return -1;
    }

    private readonly struct KeyThenOrder : IComparer<SmtChange>
    {
        public int Compare(SmtChange x, SmtChange y)
        {
            var c = x.Key.CompareTo(y.Key);
            return c != 0 ? c : x.Order.CompareTo(y.Order);
        }
    }
}
