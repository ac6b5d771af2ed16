using FsCheck;
using FsCheck.Fluent;
using Fontana.Core.Merkle;
using static Fontana.Core.Tests.Merkle.SmtTestData;

namespace Fontana.Core.Tests.Merkle;

public class SparseMerkleTreePropertyTests
{
    [Fact]
    public void Update_AnySequenceOfBatches_RootAndValuesMatchTheReferenceModel()
    {
        Prop.ForAll(Arb.From(Batches), batches =>
        {
            var tree = new SparseMerkleTree(new InMemorySmtNodeStore());
            var model = new Dictionary<Hash32, Hash32>();
            foreach (var batch in batches)
            {
                Apply(model, batch);
                tree.Update(batch);
                if (tree.Root != ReferenceRoot(model))
                {
                    return false;
                }
            }

            return batches.SelectMany(b => b).All(c => tree.Get(c.Key) == (model.TryGetValue(c.Key, out var v) ? v : null));
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Update_SameFinalState_RootIndependentOfOrderAndBatching()
    {
        var gen = States.SelectMany(state =>
            Gen.Shuffle(state.ToArray()).SelectMany(shuffled =>
                Gen.Choose(1, 8).Select(chunk => (state, shuffled, chunk))));
        Prop.ForAll(Arb.From(gen), t =>
        {
            var whole = Build(t.state).Root;
            var chunked = new SparseMerkleTree(new InMemorySmtNodeStore());
            foreach (var piece in t.shuffled.Chunk(t.chunk))
            {
                chunked.Update(piece.Select(kv => (kv.Key, (Hash32?)kv.Value)).ToList());
            }

            return whole == chunked.Root && whole == ReferenceRoot(t.state);
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Update_InsertThenDelete_ReturnsToThePreviousRoot()
    {
        var gen = States.SelectMany(before => Gen.ListOf(Changes).Select(extra => (before, extra: extra.ToList())));
        Prop.ForAll(Arb.From(gen), t =>
        {
            var store = new InMemorySmtNodeStore();
            var tree = Build(t.before, store);
            var root = tree.Root;
            var fresh = t.extra.Where(c => !t.before.ContainsKey(c.Key)).Select(c => c.Key).Distinct().ToList();
            tree.Update(fresh.Select(k => (k, (Hash32?)Hash32.Compute(k.ToArray()))).ToList());
            tree.Update(fresh.Select(k => (k, (Hash32?)null)).ToList());
            if (tree.Root != root)
            {
                return false;
            }

            // Changing existing values and then restoring them also returns to the same root.
            tree.Update(t.before.Keys.Select(k => (k, (Hash32?)Hash32.Compute(k.ToArray()))).ToList());
            tree.Update(t.before.Select(kv => (kv.Key, (Hash32?)kv.Value)).ToList());
            return tree.Root == root;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Prove_EveryKey_InclusionVerifiesAndNonInclusionVerifiesOnlyForAbsentKeys()
    {
        var gen = States.SelectMany(state => Gen.ListOf(Keys).Select(probes => (state, probes: probes.ToList())));
        Prop.ForAll(Arb.From(gen), t =>
        {
            var tree = Build(t.state);
            var root = tree.Root;
            foreach (var (key, value) in t.state)
            {
                var proof = tree.Prove(key);
                if (!proof.Verify(root, key, value) || proof.Verify(root, key, null)
                    || proof.Verify(root, key, FlipBit(value, 0)) || proof.Verify(FlipBit(root, 255), key, value)
                    || SmtProof.Decode(proof.Encode()).Verify(root, key, value) == false)
                {
                    return false;
                }
            }

            foreach (var key in t.probes.Where(k => !t.state.ContainsKey(k)))
            {
                var proof = tree.Prove(key);
                if (!proof.Verify(root, key, null) || proof.Verify(root, key, Hash32.Compute(key.ToArray()))
                    || (!root.IsZero && proof.Verify(FlipBit(root, 3), key, null)))
                {
                    return false;
                }

                // The absent key's proof must not prove any present key absent.
                if (t.state.Keys.Any(present => proof.Verify(root, present, null)))
                {
                    return false;
                }
            }

            return true;
        }).QuickCheckThrowOnFailure();
    }
}
