using Fontana.Core.Merkle;
using static Fontana.Core.Tests.Merkle.SmtTestData;

namespace Fontana.Core.Tests.Merkle;

public class SparseMerkleTreeTests
{
    private static readonly Hash32 V1 = Hash32.Compute("v1"u8);
    private static readonly Hash32 V2 = Hash32.Compute("v2"u8);

    [Fact]
    public void Root_EmptyTree_IsZero()
    {
        var tree = new SparseMerkleTree(new InMemorySmtNodeStore());
        tree.Root.ShouldBe(Hash32.Zero);
        tree.Get(V1).ShouldBeNull();
        tree.Prove(V1).Verify(Hash32.Zero, V1, null).ShouldBeTrue();
    }

    [Fact]
    public void Update_OneKey_RootIsTheLeafHash()
    {
        var key = Hash32.Compute("k"u8);
        var tree = new SparseMerkleTree(new InMemorySmtNodeStore());
        var result = tree.Update([(key, V1)]);
        result.Root.ShouldBe(ReferenceLeaf(key, V1));
        result.HashCount.ShouldBe(1);
        tree.Get(key).ShouldBe(V1);
    }

    [Fact]
    public void Update_KeysSplittingAtBitThree_HashesThroughZeroSiblingsAbove()
    {
        var a = Hash32.Parse("0000000000000000000000000000000000000000000000000000000000000001");
        var b = Hash32.Parse("1000000000000000000000000000000000000000000000000000000000000001"); // differs at bit 3
        var tree = new SparseMerkleTree(new InMemorySmtNodeStore());
        var result = tree.Update([(b, V2), (a, V1)]);
        var split = ReferenceNode(ReferenceLeaf(a, V1), ReferenceLeaf(b, V2));
        var expected = ReferenceNode(ReferenceNode(ReferenceNode(split, Hash32.Zero), Hash32.Zero), Hash32.Zero);
        result.Root.ShouldBe(expected);
        result.HashCount.ShouldBe(6); // two leaves, four interior nodes
        var proof = tree.Prove(b);
        proof.Depth.ShouldBe(4);
        proof.Siblings.ShouldBe([Hash32.Zero, Hash32.Zero, Hash32.Zero, ReferenceLeaf(a, V1)]);
        proof.Verify(expected, b, V2).ShouldBeTrue();
    }

    [Fact]
    public void Update_DocumentedVector_MatchesDocsStateTreeMd()
    {
        // docs/state-tree.md "Test vector": k_i = SHA-256("k<i>"), v_i = SHA-256("v<i>").
        static Hash32 H(string s) => Hash32.Compute(System.Text.Encoding.ASCII.GetBytes(s));
        var tree = new SparseMerkleTree(new InMemorySmtNodeStore());
        tree.Update([(H("k1"), H("v1"))]).Root.ToString().ShouldBe("380e7bd3b3ba9d19eca39336d4782cc7abb0e9a2f1443348ff95c5fa82fbb8e7");
        var root = tree.Update([(H("k2"), H("v2")), (H("k3"), H("v3"))]).Root;
        root.ToString().ShouldBe("6cbbc0ac9a49ef03d39a98f47ffb92b9ff5f592620d5c1db14c7a28da7bc8e61");
        var leaf1 = ReferenceLeaf(H("k1"), H("v1"));
        var leaf2 = ReferenceLeaf(H("k2"), H("v2"));
        var leaf3 = ReferenceLeaf(H("k3"), H("v3"));
        root.ShouldBe(ReferenceNode(ReferenceNode(ReferenceNode(leaf2, leaf3), leaf1), Hash32.Zero));
        Convert.ToHexStringLower(tree.Prove(H("k2")).Encode()).ShouldBe(
            "01000360" + leaf1 + leaf3 + H("k2") + H("v2"));
        Convert.ToHexStringLower(tree.Prove(H("k4")).Encode()).ShouldBe(
            "00000180" + ReferenceNode(ReferenceNode(leaf2, leaf3), leaf1));
        tree.Update([(H("k3"), null)]).Root.ToString().ShouldBe("7aabe6d469635f137d38253195579cac858845b7ad14cb80cac59c46bc782c03");
        tree.Root.ShouldBe(ReferenceNode(ReferenceNode(leaf2, leaf1), Hash32.Zero));
    }

    [Fact]
    public void Update_DeleteOneOfTwoKeys_CollapsesBackToSingleLeaf()
    {
        var a = Hash32.Parse("0000000000000000000000000000000000000000000000000000000000000000");
        var b = Hash32.Parse("0000000000000000000000000000000000000000000000000000000000000001"); // differs at bit 255
        var tree = new SparseMerkleTree(new InMemorySmtNodeStore());
        tree.Update([(a, V1), (b, V2)]);
        tree.Prove(b).Depth.ShouldBe(256);
        tree.Update([(b, null)]).Root.ShouldBe(ReferenceLeaf(a, V1));
        tree.Update([(a, null)]).Root.ShouldBe(Hash32.Zero);
    }

    [Fact]
    public void Update_SameKeyTwiceInBatch_LastOneWins()
    {
        var key = Hash32.Compute("k"u8);
        var tree = new SparseMerkleTree(new InMemorySmtNodeStore());
        tree.Update([(key, V1), (key, V2)]).ChangeCount.ShouldBe(1);
        tree.Get(key).ShouldBe(V2);
        tree.Update([(key, V1), (key, null)]);
        tree.Get(key).ShouldBeNull();
        tree.Root.ShouldBe(Hash32.Zero);
    }

    [Fact]
    public void Update_SameValuesAndAbsentDeletes_ChangesNothingAndHashesNothing()
    {
        var state = Enumerable.Range(0, 50).ToDictionary(i => Hash32.Compute(BitConverter.GetBytes(i)), _ => V1);
        var store = new InMemorySmtNodeStore();
        var tree = Build(state, store);
        var root = tree.Root;
        var nodes = store.Count;
        var result = tree.Update([.. state.Keys.Take(10).Select(k => (k, (Hash32?)V1)), (Hash32.Compute("absent"u8), null)]);
        result.Root.ShouldBe(root);
        result.HashCount.ShouldBe(0);
        result.NewNodes.ShouldBeEmpty();
        result.StaleNodes.ShouldBeEmpty();
        store.Count.ShouldBe(nodes);
    }

    [Fact]
    public void Update_EmptyBatch_ReturnsSameRoot()
    {
        var tree = Build(new Dictionary<Hash32, Hash32> { [V1] = V2 });
        tree.Update([]).Root.ShouldBe(ReferenceLeaf(V1, V2));
    }

    [Fact]
    public void Update_SingleKeysInTreeOf4096_AverageAtMostLog2NPlus4Hashes()
    {
        const int n = 4096;
        var state = Enumerable.Range(0, n).ToDictionary(i => Hash32.Compute(BitConverter.GetBytes(i)), i => Hash32.Compute(BitConverter.GetBytes(-i)));
        var tree = Build(state);
        long hashes = 0;
        const int updates = 300;
        for (var i = 0; i < updates; i++)
        {
            var key = i % 3 == 0 ? Hash32.Compute(BitConverter.GetBytes(n + i)) : Hash32.Compute(BitConverter.GetBytes(i * 7));
            hashes += tree.Update([(key, V1)]).HashCount;
        }

        ((double)hashes / updates).ShouldBeLessThanOrEqualTo(Math.Log2(n) + 4);
    }

    [Fact]
    public void Constructor_RootNotInStore_Throws()
    {
        Should.Throw<ArgumentException>(() => new SparseMerkleTree(new InMemorySmtNodeStore(), V1));
    }

    [Fact]
    public void SmtNode_EncodeDecode_RoundTripsAndHashesToItsKey()
    {
        var leaf = SmtNode.Leaf(V1, V2);
        var interior = SmtNode.Interior(V2, Hash32.Zero);
        SmtNode.Decode(leaf.Encode()).ShouldBe(leaf);
        SmtNode.Decode(interior.Encode()).ShouldBe(interior);
        leaf.ComputeHash().ShouldBe(ReferenceLeaf(V1, V2));
        interior.ComputeHash().ShouldBe(ReferenceNode(V2, Hash32.Zero));
        Hash32.Compute(leaf.Encode()).ShouldBe(leaf.ComputeHash());
        SmtNode.TryDecode(new byte[64], out _).ShouldBeFalse();
        var bad = leaf.Encode();
        bad[0] = 2;
        Should.Throw<InvalidDataException>(() => SmtNode.Decode(bad));
    }

    [Fact]
    public void Prune_StaleNodesRemovedAfterEveryUpdate_TreeStaysComplete()
    {
        var store = new InMemorySmtNodeStore();
        var tree = new SparseMerkleTree(store);
        var model = new Dictionary<Hash32, Hash32>();
        var random = new Random(7);
        for (var round = 0; round < 40; round++)
        {
            var batch = Enumerable.Range(0, 30).Select(_ =>
            {
                var key = Hash32.Compute(BitConverter.GetBytes(random.Next(200)));
                return (key, random.Next(4) == 0 ? null : (Hash32?)Hash32.Compute(BitConverter.GetBytes(random.Next(3))));
            }).ToList();
            Apply(model, batch);
            var result = tree.Update(batch);
            store.Remove(result.StaleNodes).ShouldBe(result.StaleNodes.Count);
            store.Count.ShouldBe(CountReachable(store, tree.Root));
            tree.Root.ShouldBe(ReferenceRoot(model));
        }
    }

    [Fact]
    public void Update_BatchesAboveTheParallelThreshold_ReferenceRootAndStaleNodesPruneToTheReachableTree()
    {
        // Batches of >= SmtUpdater.ParallelThreshold distinct keys update the root's halves on two threads; the result
        // must be what the single-threaded walk gives: the reference root, no duplicate new node, and stale nodes that
        // (with the old root among them) prune the store to exactly the reachable tree.
        var store = new InMemorySmtNodeStore();
        var tree = new SparseMerkleTree(store);
        var model = new Dictionary<Hash32, Hash32>();
        var random = new Random(17);
        for (var round = 0; round < 4; round++)
        {
            var batch = Enumerable.Range(0, SmtUpdater.ParallelThreshold + 500).Select(_ =>
            {
                var key = Hash32.Compute(BitConverter.GetBytes(random.Next(12_000)));
                return (key, round > 0 && random.Next(3) == 0 ? null : (Hash32?)Hash32.Compute(BitConverter.GetBytes(random.Next(5))));
            }).ToList();
            Apply(model, batch);
            var before = tree.Root;
            var result = tree.Update(batch);
            result.ChangeCount.ShouldBeGreaterThanOrEqualTo(SmtUpdater.ParallelThreshold, "the batch must take the two-thread path");
            tree.Root.ShouldBe(ReferenceRoot(model));
            result.NewNodes.Select(n => n.Key).Distinct().Count().ShouldBe(result.NewNodes.Count);
            result.StaleNodes.ShouldNotContain(tree.Root);
            if (before != tree.Root && !before.IsZero)
            {
                result.StaleNodes.ShouldContain(before);
            }

            store.Remove(result.StaleNodes).ShouldBe(result.StaleNodes.Count);
            store.Count.ShouldBe(CountReachable(store, tree.Root));
        }
    }

    internal static int CountReachable(ISmtNodeStore store, Hash32 root)
    {
        if (root.IsZero)
        {
            return 0;
        }

        store.TryGet(root, out var node).ShouldBeTrue($"node {root} missing");
        return node.IsLeaf ? 1 : 1 + CountReachable(store, node.Left) + CountReachable(store, node.Right);
    }
}
