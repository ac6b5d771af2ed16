using Fontana.Core;

namespace Fontana.Ledger.Storage;

/// <summary>Reduces an ordered list of node puts and deletes to the last operation per key.</summary>
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
}
