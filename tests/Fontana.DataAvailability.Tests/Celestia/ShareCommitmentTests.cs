using System.Security.Cryptography;
using Fontana.DataAvailability.Celestia;

namespace Fontana.DataAvailability.Tests.Celestia;

public class ShareCommitmentTests
{
    // go-square inclusion/commitment_test.go, TestCreateCommitment "blob of 2 shares succeeds":
    // namespace v0 with id 10 × 0x01, data 0xFF × AvailableBytesFromSparseShares(2) = 960, share version 0,
    // roots combined with sha256(sha256(a) ‖ sha256(b)) (the test's twoLeafMerkleRoot).
    [Fact]
    public void Compute_GoSquareVectorTwoShares_MatchesExpectedCommitment()
    {
        var ns = CelestiaNamespace.FromIdHex("01010101010101010101");
        var data = Enumerable.Repeat((byte)0xFF, ShareCommitment.FirstShareCapacity + ShareCommitment.ContinuationShareCapacity).ToArray();
        data.Length.ShouldBe(960);

        var commitment = ShareCommitment.Compute(ns, data, roots =>
        {
            roots.Count.ShouldBe(2);
            return SHA256.HashData([.. SHA256.HashData(roots[0]), .. SHA256.HashData(roots[1])]);
        });

        Convert.ToHexStringLower(commitment).ShouldBe("31f5156d5db9a7f5b43b297a14c070c2cc4ef3d69d87ed08addd216d9b9fa118");
    }

    [Theory]
    [InlineData(11, 4, new[] { 4, 4, 2, 1 })]
    [InlineData(2, 64, new[] { 2 })]
    [InlineData(64, 8, new[] { 8, 8, 8, 8, 8, 8, 8, 8 })]
    [InlineData(19, 8, new[] { 8, 8, 2, 1 })]
    public void MerkleMountainRangeSizes_GoSquareVectors_Match(int total, int maxTree, int[] expected) =>
        ShareCommitment.MerkleMountainRangeSizes(total, maxTree).ShouldBe(expected);

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 1)]
    [InlineData(64, 1)]
    [InlineData(65, 2)]
    [InlineData(128, 2)]
    [InlineData(129, 4)]
    [InlineData(4000, 64)]
    public void SubTreeWidth_ThresholdAndMinSquare_AsAdr013(int shares, int expected) =>
        ShareCommitment.SubTreeWidth(shares).ShouldBe(expected);

    [Theory]
    [InlineData(1, 1)]
    [InlineData(478, 1)]
    [InlineData(479, 2)]
    [InlineData(960, 2)]
    [InlineData(961, 3)]
    public void SplitSparseShares_Boundaries_MatchGoSquareGoldenCounts(int length, int expectedShares)
    {
        var ns = CelestiaNamespace.FromIdHex("01010101010101010101");
        var shares = ShareCommitment.SplitSparseShares(ns, new byte[length]);
        shares.Count.ShouldBe(expectedShares);
        shares[0][29].ShouldBe((byte)1);
        shares.Skip(1).ShouldAllBe(s => s[29] == 0);
    }

    [Fact]
    public void MerkleRoot_Rfc6962_EmptyAndSingleLeaf()
    {
        Convert.ToHexStringLower(ShareCommitment.MerkleRoot([])).ShouldBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        ShareCommitment.MerkleRoot([[1, 2, 3]]).ShouldBe(SHA256.HashData([0, 1, 2, 3]));
    }
}
