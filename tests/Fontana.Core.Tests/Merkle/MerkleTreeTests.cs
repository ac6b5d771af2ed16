using System.Security.Cryptography;
using FsCheck;
using FsCheck.Fluent;
using Fontana.Core.Merkle;

namespace Fontana.Core.Tests.Merkle;

public class MerkleTreeTests
{
    // Certificate Transparency / RFC 6962 reference data (transparency-dev/merkle testonly constants):
    // the eight leaves, the root for each size 0..8, and four audit paths.
    private static readonly byte[][] CtLeaves =
    [
        [], [0x00], [0x10], [0x20, 0x21], [0x30, 0x31], [0x40, 0x41, 0x42, 0x43],
        Convert.FromHexString("5051525354555657"), Convert.FromHexString("606162636465666768696a6b6c6d6e6f"),
    ];

    private static readonly string[] CtRoots =
    [
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
        "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
        "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
        "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
        "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
        "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
    ];

    public static TheoryData<int, int, string[]> CtInclusionProofs => new()
    {
        { 0, 8, ["96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7", "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e", "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"] },
        { 5, 8, ["bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b", "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0", "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"] },
        { 2, 3, ["fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125"] },
        { 1, 5, ["6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d", "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e", "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"] },
    };

    [Fact]
    public void ComputeRoot_NoLeaves_IsSha256OfEmptyString()
    {
        MerkleTree.ComputeRoot([]).ShouldBe(Hash32.Parse(CtRoots[0]));
        MerkleTree.EmptyRoot.ShouldBe(Hash32.Parse(CtRoots[0]));
    }

    [Fact]
    public void ReduceToRoot_CertificateTransparencyLeaves_MatchesReferenceRootForEverySize()
    {
        for (var n = 0; n <= CtLeaves.Length; n++)
        {
            var hashes = CtLeaves.Take(n).Select(l => MerkleHash.Leaf(l)).ToArray();
            MerkleTree.ReduceToRoot(hashes).ShouldBe(Hash32.Parse(CtRoots[n]), $"size {n}");
        }
    }

    [Theory]
    [MemberData(nameof(CtInclusionProofs))]
    public void CreateProof_CertificateTransparencyVectors_GivesReferencePathThatVerifies(int index, int size, string[] expected)
    {
        var hashes = CtLeaves.Take(size).Select(l => MerkleHash.Leaf(l)).ToArray();
        var proof = MerkleTree.CreateProofFromLeafHashes(hashes, index);
        proof.Path.Select(h => h.ToString()).ShouldBe(expected);
        proof.VerifyLeafHash(MerkleHash.Leaf(CtLeaves[index]), Hash32.Parse(CtRoots[size])).ShouldBeTrue();
        proof.VerifyLeafHash(MerkleHash.Leaf(CtLeaves[(index + 1) % size]), Hash32.Parse(CtRoots[size])).ShouldBeFalse();
    }

    [Fact]
    public void ComputeRoot_TxidLeaves_MatchesDocumentedVector()
    {
        // docs/state-tree.md: leaves SHA-256("tx0"), SHA-256("tx1"), SHA-256("tx2").
        var leaves = Enumerable.Range(0, 3).Select(i => Hash32.Compute(System.Text.Encoding.ASCII.GetBytes($"tx{i}"))).ToArray();
        var expected = Node(Node(Leaf(leaves[0]), Leaf(leaves[1])), Leaf(leaves[2]));
        MerkleTree.ComputeRoot(leaves).ShouldBe(expected);
        MerkleTree.ComputeRoot(leaves).ToString().ShouldBe("4c13e5e804cf591f35c2beaba7bfa3a284e107f9dae70a729ff99a1c5e8b4e61");
    }

    [Fact]
    public void ComputeRoot_AnyLeafCount_MatchesRecursiveRfc6962Definition()
    {
        Prop.ForAll(Arb.From(Gen.Choose(0, 300)), n =>
        {
            var leaves = Txids(n);
            return MerkleTree.ComputeRoot(leaves) == Mth(leaves);
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void CreateProof_EveryLeafOfEverySizeUpTo70_VerifiesAndRejectsWrongInputs()
    {
        for (var size = 1; size <= 70; size++)
        {
            var leaves = Txids(size);
            var root = MerkleTree.ComputeRoot(leaves);
            for (var i = 0; i < size; i++)
            {
                var proof = MerkleTree.CreateProof(leaves, i);
                proof.LeafIndex.ShouldBe(i);
                proof.TreeSize.ShouldBe(size);
                proof.Verify(leaves[i], root).ShouldBeTrue($"size {size} index {i}");
                proof.Verify(leaves[(i + 1) % size], root).ShouldBe(size == 1, $"wrong leaf, size {size} index {i}");
                proof.Verify(leaves[i], Flip(root, 7)).ShouldBeFalse();
                MerkleInclusionProof.Decode(proof.Encode()).Verify(leaves[i], root).ShouldBeTrue();
                proof.Verify(leaves[i], root, size).ShouldBeTrue();
                foreach (var wrong in WrongPositions(i, size))
                {
                    Rebuilt(proof, wrong.Index, wrong.Size)?.Verify(leaves[i], root, size).ShouldBeFalse($"index {wrong.Index} size {wrong.Size}");
                    if (wrong.Size == size)
                    {
                        Rebuilt(proof, wrong.Index, wrong.Size)?.Verify(leaves[i], root).ShouldBeFalse($"index {wrong.Index}");
                    }
                }
            }
        }
    }

    [Fact]
    public void Verify_LeftmostLeafAgainstRootOnly_DoesNotAuthenticateTreeSize()
    {
        // Why Verify(leaf, root, treeSize) exists: leaf 0 of 37 leaves has the same path as leaf 0 of 36.
        var leaves = Txids(37);
        var root = MerkleTree.ComputeRoot(leaves);
        var lying = new MerkleInclusionProof(0, 36, MerkleTree.CreateProof(leaves, 0).Path);
        lying.Verify(leaves[0], root).ShouldBeTrue();
        lying.Verify(leaves[0], root, 37).ShouldBeFalse();
    }

    [Fact]
    public void Verify_AnyFlippedBitOfTheEncodedProof_FailsOrDoesNotDecode()
    {
        var leaves = Txids(37);
        var root = MerkleTree.ComputeRoot(leaves);
        foreach (var index in new[] { 0, 17, 31, 32, 36 })
        {
            var bytes = MerkleTree.CreateProof(leaves, index).Encode();
            for (var bit = 0; bit < bytes.Length * 8; bit++)
            {
                var tampered = (byte[])bytes.Clone();
                tampered[bit >> 3] ^= (byte)(1 << (bit & 7));
                (MerkleInclusionProof.TryDecode(tampered, out var proof) && proof.Verify(leaves[index], root, leaves.Length))
                    .ShouldBeFalse($"index {index} bit {bit}");
            }
        }
    }

    [Fact]
    public void EncodeDecode_AnyProof_RoundTrips()
    {
        var gen = Gen.Choose(1, 200).SelectMany(n => Gen.Choose(0, n - 1).Select(i => (n, i)));
        Prop.ForAll(Arb.From(gen), t =>
        {
            var proof = MerkleTree.CreateProof(Txids(t.n), t.i);
            var bytes = proof.Encode();
            var decoded = MerkleInclusionProof.Decode(bytes);
            return bytes.Length == proof.EncodedLength
                && decoded.LeafIndex == proof.LeafIndex
                && decoded.TreeSize == proof.TreeSize
                && decoded.Path.SequenceEqual(proof.Path)
                && decoded.Encode().AsSpan().SequenceEqual(bytes);
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Decode_RandomOrTruncatedBytes_ThrowsOnlyFormatException()
    {
        var valid = MerkleTree.CreateProof(Txids(100), 42).Encode();
        var gen = Gen.OneOf(
            Gen.Choose(0, valid.Length + 40).SelectMany(n => Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (byte)b), n)),
            Gen.Choose(0, valid.Length - 1).Select(n => valid[..n]),
            Gen.Choose(0, valid.Length - 1).SelectMany(i => Gen.Choose(0, 255).Select(b =>
            {
                var copy = (byte[])valid.Clone();
                copy[i] = (byte)b;
                return copy;
            })));
        Prop.ForAll(Arb.From(gen), bytes =>
        {
            try
            {
                MerkleInclusionProof.Decode(bytes);
                return MerkleInclusionProof.TryDecode(bytes, out _);
            }
            catch (MerkleProofFormatException e)
            {
                return e.Code.StartsWith("merkle-proof-", StringComparison.Ordinal) && !MerkleInclusionProof.TryDecode(bytes, out _);
            }
        }).QuickCheckThrowOnFailure();
    }

    [Theory]
    [InlineData("", "merkle-proof-truncated")]
    [InlineData("0000000000000000000000000000000000", "merkle-proof-size-out-of-range")]
    [InlineData("0000000000000001000000000000000100", "merkle-proof-index-out-of-range")]
    [InlineData("0000000000000000000000000000000101", "merkle-proof-path-length")]
    [InlineData("000000000000000000000000000000020100", "merkle-proof-truncated")]
    [InlineData("0000000000000000000000000000000100ff", "merkle-proof-trailing-bytes")]
    [InlineData("00000000000000008000000000000000ff", "merkle-proof-size-out-of-range")]
    public void Decode_MalformedBytes_ThrowsWithStableCode(string hex, string code)
    {
        Should.Throw<MerkleProofFormatException>(() => MerkleInclusionProof.Decode(Convert.FromHexString(hex))).Code.ShouldBe(code);
    }

    [Fact]
    public void Constructor_PathOfWrongLength_Throws()
    {
        Should.Throw<ArgumentException>(() => new MerkleInclusionProof(0, 2, []));
        Should.Throw<ArgumentOutOfRangeException>(() => new MerkleInclusionProof(2, 2, [Hash32.Zero]));
        new MerkleInclusionProof(0, 1, []).Verify(Hash32.Zero, MerkleTree.HashLeaf(Hash32.Zero)).ShouldBeTrue();
    }

    internal static Hash32[] Txids(int n) =>
        Enumerable.Range(0, n).Select(i => Hash32.Compute(BitConverter.GetBytes(i))).ToArray();

    // RFC 6962 §2.1 MTH written out literally (largest power of two strictly below n), with independent hashing.
    private static Hash32 Mth(ReadOnlySpan<Hash32> d)
    {
        if (d.Length == 0)
        {
            return Hash32.FromBytes(SHA256.HashData(ReadOnlySpan<byte>.Empty));
        }

        if (d.Length == 1)
        {
            return Leaf(d[0]);
        }

        var k = 1;
        while (k * 2 < d.Length)
        {
            k *= 2;
        }

        return Node(Mth(d[..k]), Mth(d[k..]));
    }

    private static Hash32 Leaf(Hash32 txid) => Hash32.FromBytes(SHA256.HashData([0x00, .. txid.ToArray()]));

    private static Hash32 Node(Hash32 l, Hash32 r) => Hash32.FromBytes(SHA256.HashData([0x01, .. l.ToArray(), .. r.ToArray()]));

    private static Hash32 Flip(Hash32 h, int bit)
    {
        var bytes = h.ToArray();
        bytes[bit >> 3] ^= (byte)(0x80 >> (bit & 7));
        return Hash32.FromBytes(bytes);
    }

    private static IEnumerable<(long Index, long Size)> WrongPositions(long index, long size)
    {
        yield return (index - 1, size);
        yield return (index + 1, size);
        yield return (index ^ 2, size);
        yield return (index, size * 2);
        yield return (index, size / 2);
        yield return (index, size + 1);
        yield return (index, size - 1);
    }

    // The same path claimed for another position; null when the constructor refuses it (path length mismatch).
    private static MerkleInclusionProof? Rebuilt(MerkleInclusionProof proof, long index, long size)
    {
        if (index < 0 || index >= size || MerkleTree.ExpectedPathLength((ulong)index, (ulong)size) != proof.Path.Count
            || (index == proof.LeafIndex && size == proof.TreeSize))
        {
            return null;
        }

        return new MerkleInclusionProof(index, size, proof.Path);
    }
}
