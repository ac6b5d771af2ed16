using Fontana.Core.Crypto;

namespace Fontana.Core.Tests.Crypto;

public class PasswordKdfTests
{
    // Expected keys computed with an independent Argon2id implementation (Python `cryptography`, lanes=1, v1.3).
    [Theory]
    [InlineData("correct horse battery staple", 1UL, 8UL, "d17ea6341ca93da6079ea2f64dc4aa31dd1aaf9caa67fb42ac4afd0714706f26")]
    [InlineData("päss", 2UL, 64UL, "8320d31803c663a9197e318adfc8dbc8716147b2e35771a02f53a35701da2d5f")]
    public void DeriveKey_KnownAnswer_MatchesIndependentArgon2id(string passphrase, ulong ops, ulong memKiB, string expectedHex)
    {
        var salt = Enumerable.Range(0, 16).Select(i => (byte)i).ToArray();
        var key = new byte[32];

        PasswordKdf.DeriveKey(System.Text.Encoding.UTF8.GetBytes(passphrase), salt, new Argon2Cost(ops, memKiB), key);

        Convert.ToHexStringLower(key).ShouldBe(expectedHex);
    }

    [Fact]
    public void DeriveKey_DifferentSalt_GivesDifferentKey()
    {
        var a = new byte[32];
        var b = new byte[32];

        PasswordKdf.DeriveKey("pw"u8, new byte[16], PasswordKdf.Minimum, a);
        PasswordKdf.DeriveKey("pw"u8, Enumerable.Repeat((byte)1, 16).ToArray(), PasswordKdf.Minimum, b);

        a.ShouldNotBe(b);
    }

    [Theory]
    [InlineData(0UL, 8UL)]
    [InlineData(11UL, 8UL)]
    [InlineData(1UL, 4UL)]
    [InlineData(1UL, 1024UL * 1024 + 1)]
    public void DeriveKey_CostOutOfBounds_Throws(ulong ops, ulong memKiB)
    {
        Should.Throw<ArgumentOutOfRangeException>(() => PasswordKdf.DeriveKey("pw"u8, new byte[16], new Argon2Cost(ops, memKiB), new byte[32]));
    }

    [Fact]
    public void DeriveKey_WrongSaltLength_Throws()
    {
        Should.Throw<ArgumentException>(() => PasswordKdf.DeriveKey("pw"u8, new byte[15], PasswordKdf.Minimum, new byte[32]));
    }
}
