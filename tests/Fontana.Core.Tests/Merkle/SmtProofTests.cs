using FsCheck;
using FsCheck.Fluent;
using Fontana.Core.Merkle;
using static Fontana.Core.Tests.Merkle.SmtTestData;

namespace Fontana.Core.Tests.Merkle;

public class SmtProofTests
{
    private static readonly Gen<(Dictionary<Hash32, Hash32> State, Hash32 Probe)> StateAndProbe =
        States.SelectMany(state => Keys.Select(probe => (state, probe)));

    [Fact]
    public void EncodeDecode_AnyProof_RoundTripsByteForByte()
    {
        Prop.ForAll(Arb.From(StateAndProbe), t =>
        {
            var proof = Build(t.State).Prove(t.Probe);
            var bytes = proof.Encode();
            var decoded = SmtProof.Decode(bytes);
            return bytes.Length == proof.EncodedLength
                && decoded.Siblings.SequenceEqual(proof.Siblings)
                && decoded.LeafKey == proof.LeafKey
                && decoded.LeafValue == proof.LeafValue
                && decoded.Encode().AsSpan().SequenceEqual(bytes);
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Verify_AnyFlippedBitOfTheEncodedProof_FailsOrDoesNotDecode()
    {
        // Every bit of every proof: 40 cases keep this at a few seconds.
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(40), Prop.ForAll(Arb.From(StateAndProbe), t =>
        {
            var tree = Build(t.State);
            var expected = t.State.TryGetValue(t.Probe, out var v) ? v : (Hash32?)null;
            var bytes = tree.Prove(t.Probe).Encode();
            if (!SmtProof.Verify(bytes, tree.Root, t.Probe, expected))
            {
                return false;
            }

            for (var bit = 0; bit < bytes.Length * 8; bit++)
            {
                var tampered = (byte[])bytes.Clone();
                tampered[bit >> 3] ^= (byte)(1 << (bit & 7));
                if (SmtProof.Verify(tampered, tree.Root, t.Probe, expected))
                {
                    return false;
                }
            }

            return true;
        }));
    }

    [Fact]
    public void Verify_AnyFlippedBitOfKeyValueOrRoot_FailsExceptForKeysInTheSameAbsentSubtree()
    {
        Prop.ForAll(Arb.From(StateAndProbe), t =>
        {
            var tree = Build(t.State);
            var proof = tree.Prove(t.Probe);
            for (var bit = 0; bit < 256; bit++)
            {
                var otherKey = FlipBit(t.Probe, bit);
                if (proof.Verify(FlipBit(tree.Root, bit), t.Probe, t.State.GetValueOrDefault(t.Probe)))
                {
                    return false;
                }

                if (t.State.TryGetValue(t.Probe, out var value))
                {
                    if (proof.Verify(tree.Root, otherKey, value) || proof.Verify(tree.Root, t.Probe, FlipBit(value, bit)))
                    {
                        return false;
                    }
                }
                else
                {
                    // A non-inclusion proof covers exactly the keys that share its path and are not the leaf it ends in.
                    var covered = bit >= proof.Depth && otherKey != proof.LeafKey;
                    if (proof.Verify(tree.Root, otherKey, null) != covered)
                    {
                        return false;
                    }
                }
            }

            return true;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Decode_RandomTruncatedOrMutatedBytes_ThrowsOnlyFormatException()
    {
        var gen = StateAndProbe.Select(t => Build(t.State).Prove(t.Probe).Encode()).SelectMany(valid => Gen.OneOf(
            Gen.Choose(0, valid.Length + 40).SelectMany(n => Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (byte)b), n)),
            Gen.Choose(0, valid.Length).Select(n => valid[..n]),
            Gen.Choose(0, valid.Length - 1).SelectMany(i => Gen.Choose(0, 255).Select(b =>
            {
                var copy = (byte[])valid.Clone();
                copy[i] = (byte)b;
                return copy;
            })),
            Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (byte)b), 5).Select(tail => valid.Concat(tail).ToArray())));
        Prop.ForAll(Arb.From(gen), bytes =>
        {
            try
            {
                SmtProof.Decode(bytes);
                return SmtProof.TryDecode(bytes, out _);
            }
            catch (MerkleProofFormatException e)
            {
                return e.Code.StartsWith("smt-proof-", StringComparison.Ordinal) && !SmtProof.TryDecode(bytes, out _);
            }
        }).QuickCheckThrowOnFailure();
    }

    [Theory]
    [InlineData("", "smt-proof-truncated")]
    [InlineData("0000", "smt-proof-truncated")]
    [InlineData("020000", "smt-proof-terminal")]
    [InlineData("000101", "smt-proof-depth-out-of-range")]
    [InlineData("000008", "smt-proof-truncated")]
    [InlineData("00000140", "smt-proof-bitmap-padding")]
    [InlineData("00000100", "smt-proof-noncanonical")]
    [InlineData("00000180", "smt-proof-truncated")]
    [InlineData("00000180" + "0000000000000000000000000000000000000000000000000000000000000000", "smt-proof-noncanonical")]
    [InlineData("00000000", "smt-proof-trailing-bytes")]
    [InlineData("010000", "smt-proof-truncated")]
    public void Decode_MalformedBytes_ThrowsWithStableCode(string hex, string code)
    {
        Should.Throw<MerkleProofFormatException>(() => SmtProof.Decode(Convert.FromHexString(hex))).Code.ShouldBe(code);
    }

    [Fact]
    public void Decode_EmptyTreeProof_IsThreeBytesAndVerifiesAgainstZero()
    {
        var proof = SmtProof.Decode([0, 0, 0]);
        proof.Depth.ShouldBe(0);
        proof.HasLeaf.ShouldBeFalse();
        proof.Verify(Hash32.Zero, Hash32.Compute("x"u8), null).ShouldBeTrue();
        proof.Verify(Hash32.Compute("x"u8), Hash32.Compute("x"u8), null).ShouldBeFalse();
    }

    [Fact]
    public void Encode_DeepestProof_HasDepth256AndTwoNonEmptyHashes()
    {
        var a = SmtTestData.ClusterBase;
        var b = FlipBit(a, 255);
        var c = FlipBit(a, 0);
        var tree = Build(new Dictionary<Hash32, Hash32> { [a] = a, [b] = b, [c] = c });
        var proof = tree.Prove(b);
        proof.Depth.ShouldBe(256);
        var bytes = proof.Encode();
        bytes.Length.ShouldBe(3 + 32 + (2 * 32) + 64); // header, bitmap, siblings at depth 0 and 255, leaf
        SmtProof.Verify(bytes, tree.Root, b, b).ShouldBeTrue();
        SmtProof.Verify(bytes, tree.Root, a, null).ShouldBeFalse();
    }
}
