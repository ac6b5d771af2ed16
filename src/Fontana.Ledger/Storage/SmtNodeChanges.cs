using Fontana.Core;

namespace Fontana.Ledger.Storage;

/// <summary>Reduces ordered lists of node puts and deletes to the last operation per key.</summary>
internal static class SmtNodeChanges
{
    public static (List<SmtNodeRow> Puts, List<byte[]> Deletes) Net(IReadOnlyList<SmtNodeRow> rows)
    {
        var last = new Dictionary<Hash32, SmtNodeRow>(rows.Count);
        foreach (var row in rows)
        {
            last[Hash32.FromBytes(row.Key)] = row;
        }

        var puts = new List<SmtNodeRow>();
        var deletes = new List<byte[]>();
        foreach (var row in last.Values)
        {
            if (row.Value is null)
            {
                deletes.Add(row.Key);
            }
            else
            {
                puts.Add(row);
            }
        }

        return (puts, deletes);
    }

    /// <summary>
    /// One list that moves the stored tree through every difference of <paramref name="diffs"/> (oldest first) at
    /// once: the last operation per key, in key order (so a B-tree keyed by node hash is walked once, page by page,
    /// instead of at random). A node put by one difference and deleted by a later one becomes a delete (a no-op on a
    /// store that never held it).
    /// </summary>
    public static List<SmtNodeRow> MergeSorted(IReadOnlyList<IReadOnlyList<SmtNodeRow>> diffs)
    {
        List<SmtNodeRow> merged;
        if (diffs.Count == 1)
        {
            merged = [.. diffs[0]];
        }
        else
        {
            var last = new Dictionary<Hash32, SmtNodeRow>(diffs.Sum(d => d.Count));
            foreach (var diff in diffs)
            {
                foreach (var row in diff)
                {
                    last[Hash32.FromBytes(row.Key)] = row;
                }
            }

            merged = [.. last.Values];
        }

        merged.Sort(static (a, b) => a.Key.AsSpan().SequenceCompareTo(b.Key));
        return merged;
    }
}
