using FsCheck;
using FsCheck.Fluent;
using Fontana.Core;
using Fontana.Core.Merkle;
using Fontana.Ledger.State;
using Fontana.Ledger.Storage;

namespace Fontana.Ledger.Tests.State;

/// <summary>
/// The ledger's in-memory state tree (node objects, rehashed in place) against Core's reference
/// <see cref="SparseMerkleTree"/> over random batches of sets and deletes: the same root after every batch, the same
/// proofs, checkpoint rows that turn a model store into exactly the reference tree's reachable nodes, and a tree
/// loaded back from that store that goes on giving the same roots.
/// </summary>
public sealed class StateTreeTests
{
    [Fact]
    public void RandomBatches_MatchTheReferenceTree_AndCheckpointRowsStoreExactlyItsNodes() =>
        Prop.ForAll(Arb.From(Gen.ArrayOf(Gen.Choose(0, int.MaxValue))), script => Run(script, keySpace: 300))
            .Check(Config.QuickThrowOnFailure.WithMaxTest(60));

    [Fact]
    public void LargeBatches_TakeTheTwoThreadPath_AndMatchTheReferenceTree()
    {
        // Batches past StateTreeUpdater.ParallelThreshold under an interior root are split across two threads.
        Run([11, 12, 13, 14, 15, 16], keySpace: 20_000, batchSize: 5_000).ShouldBeTrue();
    }

    [Fact]
    public void Load_WithARowMissing_Throws_AndUnreachableRowsAreGarbage()
    {
        var (root, rows) = StateTree.Build([(Key(1), Value(1)), (Key(2), Value(2)), (Key(3), Value(3))]);
        var complete = new StateTreeLoad();
        foreach (var row in rows)
        {
            complete.Add(row.Key, row.Value!);
        }

        var stray = SmtNode.Leaf(Key(99), Value(99));
        complete.Add(stray.ComputeHash().ToArray(), stray.Encode());
        var (tree, garbage) = complete.Build(root);
        tree.Root.ShouldBe(root);
        tree.NodeCount.ShouldBe(rows.Count);
        garbage.ShouldBe([stray.ComputeHash()]);

        var incomplete = new StateTreeLoad();
        foreach (var row in rows.Skip(1))
        {
            incomplete.Add(row.Key, row.Value!);
        }

        Should.Throw<InvalidDataException>(() => incomplete.Build(root)).Message.ShouldContain("missing");
    }

    private static bool Run(int[] script, int keySpace, int batchSize = 40)
    {
        var reference = new InMemorySmtNodeStore();
        var expected = new SparseMerkleTree(reference);
        var tree = new StateTree(null, 0);
        var stored = new Dictionary<Hash32, byte[]>();
        foreach (var step in script)
        {
            var random = new Random(step);
            var batch = new List<(Hash32 Key, Hash32? Value)>();
            var size = random.Next(batchSize + 1);
            for (var i = 0; i < size; i++)
            {
                var key = Key(random.Next(keySpace));
                // Deletes (present or absent keys), new values, and re-sets of a key to the value it already has.
                batch.Add(random.Next(3) switch
                {
                    0 => (key, null),
                    1 => (key, Value(random.Next(4))),
                    _ => (key, expected.Get(key) ?? Value(random.Next(4))),
                });
            }

            var want = expected.Update(batch).Root;
            tree.Apply(batch).Root.ShouldBe(want);
            tree.Root.ShouldBe(want);

            var probe = Key(random.Next(keySpace));
            tree.Prove(probe).Proof.Encode().ShouldBe(expected.Prove(probe).Encode());

            if (random.Next(3) == 0)
            {
                ApplyRows(stored, tree.TakeCheckpointRows());
                var nodes = Reachable(reference, want);
                var missing = nodes.Keys.Where(k => !stored.ContainsKey(k)).Select(k => k + (nodes[k].IsLeaf ? " leaf" : " interior")).ToList();
                var extra = stored.Keys.Where(k => !nodes.ContainsKey(k)).ToList();
                (missing.Count + extra.Count).ShouldBe(0, $"missing {string.Join(",", missing)} extra {string.Join(",", extra)} rows {stored.Count} nodes {nodes.Count}");
                tree.NodeCount.ShouldBe(nodes.Count);
                if (random.Next(2) == 0)
                {
                    tree.Dispose();
                    var load = new StateTreeLoad();
                    foreach (var (hash, encoded) in stored)
                    {
                        load.Add(hash.ToArray(), encoded);
                    }

                    (tree, var garbage) = load.Build(want);
                    garbage.ShouldBeEmpty();
                    tree.Root.ShouldBe(want);
                }
            }
        }

        tree.Dispose();
        return true;
    }

    private static void ApplyRows(Dictionary<Hash32, byte[]> stored, List<SmtNodeRow> rows)
    {
        // Rows may come in any order (the node writer sorts them by key): a hash appears at most once.
        rows.Select(r => Hash32.FromBytes(r.Key)).Distinct().Count().ShouldBe(rows.Count);
        foreach (var row in rows)
        {
            var hash = Hash32.FromBytes(row.Key);
            if (row.Value is null)
            {
                stored.Remove(hash).ShouldBeTrue("a delete names a stored node");
            }
            else
            {
                Hash32.Compute(row.Value).ShouldBe(hash);
                stored[hash] = row.Value;
            }
        }
    }

    private static Dictionary<Hash32, SmtNode> Reachable(InMemorySmtNodeStore store, Hash32 root)
    {
        var nodes = new Dictionary<Hash32, SmtNode>();
        var stack = new Stack<Hash32>();
        if (!root.IsZero)
        {
            stack.Push(root);
        }

        while (stack.Count > 0)
        {
            var hash = stack.Pop();
            store.TryGet(hash, out var node).ShouldBeTrue();
            nodes[hash] = node;
            if (!node.IsLeaf)
            {
                foreach (var child in new[] { node.Left, node.Right })
                {
                    if (!child.IsZero)
                    {
                        stack.Push(child);
                    }
                }
            }
        }

        return nodes;
    }

    private static Hash32 Key(int i) => Hash32.Compute(BitConverter.GetBytes(i));

    private static Hash32 Value(int i) => Hash32.Compute(BitConverter.GetBytes(~i));
}
