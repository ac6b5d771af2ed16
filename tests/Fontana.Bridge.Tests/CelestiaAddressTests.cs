using Fontana.Core.Bridge;

namespace Fontana.Bridge.Tests;

public sealed class CelestiaAddressTests
{
    // bytes 0x00..0x13 in bech32 with HRP "celestia" (BIP-173 checksum), computed independently of this code.
    private const string Vector = "celestia1qqqsyqcyq5rqwzqfpg9scrgwpugpzysnjuq2t5";

    [Fact]
    public void TryParse_Bech32Celestia20Bytes_Accepted()
    {
        CelestiaAddress.TryParse(Vector, out var address, out var error).ShouldBeTrue(error);
        address.Bytes.ToArray().ShouldBe(Enumerable.Range(0, 20).Select(i => (byte)i).ToArray());
        CelestiaAddress.FromBytes(address.Bytes).Text.ShouldBe(Vector);
        CelestiaAddress.TryParse(Vector.ToUpperInvariant(), out var upper, out _).ShouldBeTrue();
        upper.Text.ShouldBe(Vector);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("foo", "not a bech32 address")]
    [InlineData("cosmos1qqqsyqcyq5rqwzqfpg9scrgwpugpzysnrk363e", "prefix \"cosmos\"")]
    [InlineData("celestia1qqqsyqcyq5rqwzqfpg9scrgwpugpzysn8qsxwk", "checksum")] // bech32m checksum, not bech32
    [InlineData("celestia1qqqsyqcyq5rqwzqfpg9scrgwpugpzysnjuq2t6", "checksum")]
    [InlineData("celestia1qqqsyqcyq5rqwzqfpg9scrgwpugpzysnzs23v9ccrydpk8qarc0s3w7j49", "holds 32 bytes")]
    public void TryParse_NotACelestiaAccount_RefusedWithReason(string text, string reason)
    {
        CelestiaAddress.TryParse(text, out _, out var error).ShouldBeFalse();
        error.ShouldContain(reason);
    }
}
