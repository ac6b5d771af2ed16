using Fontana.Core.Merkle;
using static Fontana.Core.Tests.Merkle.SmtTestData;

namespace Fontana.Core.Tests.Merkle;

public class SmtPersistenceTests
{
    [Fact]
    public void Reopen_FreshStoreWithOnlyPersistedNodes_GivesSameValuesProofsAndNextRoots()
    {
        // A "database table" fed only from SmtUpdateResult: insert NewNodes, delete StaleNodes, per update.
        var table = new Dictionary<Hash32, byte[]>();
        var live = new SparseMerkleTree(new InMemorySmtNodeStore());
        var model = new Dictionary<Hash32, Hash32>();
        var random = new Random(11);
        var keys = Enumerable.Range(0, 400).Select(i => Hash32.Compute(BitConverter.GetBytes(i))).ToArray();
        for (var block = 0; block < 25; block++)
        {
            var batch = Enumerable.Range(0, 60)
                .Select(_ => (keys[random.Next(keys.Length)], random.Next(3) == 0 ? null : (Hash32?)Hash32.Compute(BitConverter.GetBytes(random.Next()))))
                .ToList();
            Apply(model, batch);
            var result = live.Update(batch);
            foreach (var stale in result.StaleNodes)
            {
                table.Remove(stale).ShouldBeTrue();
            }

            foreach (var (hash, node) in result.NewNodes)
            {
                table.Add(hash, node.Encode());
            }
        }

        // Every row is what it claims to be, and the table holds exactly the nodes of the latest tree.
        foreach (var (hash, bytes) in table)
        {
            Hash32.Compute(bytes).ShouldBe(hash);
        }

        var store = new InMemorySmtNodeStore();
        store.PutNodes(table.Select(row => KeyValuePair.Create(row.Key, SmtNode.Decode(row.Value))).ToList());
        SparseMerkleTreeTests.CountReachable(store, live.Root).ShouldBe(table.Count);

        var reopened = new SparseMerkleTree(store, live.Root);
        reopened.Root.ShouldBe(ReferenceRoot(model));
        foreach (var key in keys)
        {
            reopened.Get(key).ShouldBe(live.Get(key));
            reopened.Prove(key).Encode().ShouldBe(live.Prove(key).Encode());
            reopened.Prove(key).Verify(live.Root, key, model.TryGetValue(key, out var v) ? v : null).ShouldBeTrue();
        }

        var next = keys.Take(50).Select(k => (k, (Hash32?)k)).ToList();
        reopened.Update(next).Root.ShouldBe(live.Update(next).Root);
    }
}
