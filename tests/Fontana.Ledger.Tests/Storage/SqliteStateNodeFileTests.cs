using Fontana.Core;
using Fontana.Core.Merkle;
using Fontana.Ledger.Storage;
using Fontana.Ledger.Storage.Sqlite;

namespace Fontana.Ledger.Tests.Storage;

/// <summary>
/// The SQLite state file writes runs of puts as multi-row inserts: whatever the mix of puts and deletes in a
/// checkpoint (runs longer and shorter than one insert, a put and a later delete of the same node in one call), the
/// stored rows are those of applying the rows one by one, in order.
/// </summary>
public sealed class SqliteStateNodeFileTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("fontana-state-file-").FullName;

    [Fact]
    public void Write_MixedRunsOfPutsAndDeletes_StoresWhatApplyingThemInOrderGives()
    {
        var model = new Dictionary<Hash32, byte[]>();
        using var file = new SqliteStateNodeFile(Path.Combine(_directory, "ledger.db"), SqliteSynchronousMode.Full);
        file.Migrate();
        var random = new Random(17);
        var next = 0;
        for (var checkpoint = 1; checkpoint <= 6; checkpoint++)
        {
            var rows = new List<SmtNodeRow>();
            foreach (var run in new[] { 1, 63, 64, 65, 200, 3, 129 })
            {
                for (var i = 0; i < run; i++)
                {
                    rows.Add(Put(next++));
                }

                // Deletes between runs: of stored nodes, of a node put earlier in this same call, of a node never stored.
                var stored = model.Keys.ToList();
                if (stored.Count > 0)
                {
                    rows.Add(new SmtNodeRow(stored[random.Next(stored.Count)].ToArray(), null));
                }

                rows.Add(new SmtNodeRow(rows[random.Next(rows.Count)].Key, null));
                rows.Add(new SmtNodeRow(Node(1_000_000 + next).ComputeHash().ToArray(), null));
            }

            // The same node put again after its delete, within the call.
            rows.Add(new SmtNodeRow(rows[^3].Key, Node(-1).Encode()));
            foreach (var row in rows)
            {
                if (row.Value is null)
                {
                    model.Remove(Hash32.FromBytes(row.Key));
                }
                else
                {
                    model[Hash32.FromBytes(row.Key)] = row.Value;
                }
            }

            file.Write(rows, checkpoint, Hash32.Compute([(byte)checkpoint]).ToArray());
            var loaded = new Dictionary<Hash32, byte[]>();
            file.Load((key, value) => loaded.Add(Hash32.FromBytes(key), value));
            loaded.Count.ShouldBe(model.Count);
            foreach (var (key, value) in model)
            {
                loaded[key].ShouldBe(value);
            }

            file.ReadCheckpoint()!.Value.Height.ShouldBe(checkpoint);
        }
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static SmtNodeRow Put(int i) => new(Node(i).ComputeHash().ToArray(), Node(i).Encode());

    private static SmtNode Node(int i) => SmtNode.Leaf(Hash32.Compute(BitConverter.GetBytes(i)), Hash32.Compute(BitConverter.GetBytes(~i)));
}
