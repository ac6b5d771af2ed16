using Fontana.Ledger.Storage;

namespace Fontana.Ledger.Tests.Storage;

public sealed class SmtNodeChangesTests
{
    [Fact]
    public void MergeSorted_SeveralDifferences_KeepsTheLastOperationPerKeyInKeyOrder()
    {
        var first = new List<SmtNodeRow> { Put(9, 1), Put(3, 1), Delete(5), Put(7, 1) };
        var second = new List<SmtNodeRow> { Delete(3), Put(5, 2), Put(1, 2) };
        var third = new List<SmtNodeRow> { Put(3, 3) };

        var merged = SmtNodeChanges.MergeSorted([first, second, third]);

        merged.Select(Describe).ShouldBe(["01=2", "03=3", "05=2", "07=1", "09=1"]);
    }

    [Fact]
    public void MergeSorted_PutThenDeleted_BecomesADelete()
    {
        var merged = SmtNodeChanges.MergeSorted([new List<SmtNodeRow> { Put(4, 1), Put(2, 1) }, new List<SmtNodeRow> { Delete(4) }]);

        merged.Select(Describe).ShouldBe(["02=1", "04=deleted"]);
    }

    [Fact]
    public void MergeSorted_OneDifference_SortsItWithoutDroppingRows()
    {
        var rows = new List<SmtNodeRow> { Put(0xff, 1), Delete(0x10), Put(0x80, 1) };

        var merged = SmtNodeChanges.MergeSorted([rows]);

        merged.Select(Describe).ShouldBe(["10=deleted", "80=1", "ff=1"]);
    }

    [Fact]
    public void SortByKey_KeysSharingTheirFirstEightBytes_AreOrderedByTheRest()
    {
        var random = new Random(17);
        var rows = new List<SmtNodeRow>();
        for (var i = 0; i < 2_000; i++)
        {
            var key = new byte[32];
            random.NextBytes(key);
            if (i % 3 == 0)
            {
                // A third share one 8-byte prefix (and some also the next bytes), so the tie-break is exercised.
                key.AsSpan(0, 8).Fill(0x5A);
                if (i % 6 == 0)
                {
                    key.AsSpan(8, 16).Fill(0x11);
                }
            }

            rows.Add(new SmtNodeRow(key, i % 5 == 0 ? null : [(byte)i]));
        }

        var sorted = SmtNodeChanges.SortByKey(rows);

        sorted.Count.ShouldBe(rows.Count);
        for (var i = 1; i < sorted.Count; i++)
        {
            sorted[i - 1].Key.AsSpan().SequenceCompareTo(sorted[i].Key).ShouldBeLessThan(0);
        }

        sorted.Select(r => Convert.ToHexString(r.Key)).Order(StringComparer.Ordinal).ShouldBe(rows.Select(r => Convert.ToHexString(r.Key)).Order(StringComparer.Ordinal));
    }

    private static SmtNodeRow Put(byte key, byte value) => new(Key(key), [value]);

    private static SmtNodeRow Delete(byte key) => new(Key(key), null);

    private static byte[] Key(byte first)
    {
        var key = new byte[32];
        key[0] = first;
        key[31] = 0xAA;
        return key;
    }

    private static string Describe(SmtNodeRow row) =>
        $"{row.Key[0]:x2}=" + (row.Value is { } v ? v[0].ToString(System.Globalization.CultureInfo.InvariantCulture) : "deleted");
}
