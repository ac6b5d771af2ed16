using Fontana.Core.Encoding;
using Fontana.Core.Tests.Support;

namespace Fontana.Core.Tests;

public class AddressTests
{
    private static readonly string Valid = TestKeys.AliceAddress.ToString();

    [Fact]
    public void Parse_OwnString_RoundTrips()
    {
        Valid.ShouldStartWith("fnt1");
        Valid.Length.ShouldBe(62);
        Address.Parse(Valid).ShouldBe(TestKeys.AliceAddress);
    }

    [Fact]
    public void Parse_Uppercase_IsTheSameAddress()
    {
        Address.Parse(Valid.ToUpperInvariant()).ShouldBe(TestKeys.AliceAddress);
    }

    public static TheoryData<string?, string> Failures()
    {
        var data = Valid[4..];
        var wrongLastChar = Valid[..^1] + (Valid[^1] == 'q' ? 'p' : 'q');
        var key = TestKeys.AliceAddress.PublicKey.ToArray();
        var badPadding = Bech32m.ConvertBits(key, 8, 5, pad: true)!;
        badPadding[^1] |= 1; // 256 bits in 52 groups leave 4 padding bits; they must be zero
        var twentyBytes = Bech32m.ConvertBits(key.AsSpan(0, 20), 8, 5, pad: true)!;
        return new TheoryData<string?, string>
        {
            { null, "address is empty" },
            { string.Empty, "address is empty" },
            { "fnt1" + new string('q', 90), "bech32m allows at most 90" },
            { "fnt1qqqqq", "too short to hold a checksum" },
            { "fnt1" + data[..10] + "b" + data[11..], "outside the bech32 alphabet" },
            { "fnt1" + data[..10] + char.ToUpperInvariant(data[10]) + data[11..], "mixes upper and lower case" },
            { "fntqqqqqqqqqqqq", "no '1' separator" },
            { "1" + data, "empty prefix" },
            { wrongLastChar, "checksum is wrong" },
            { "abcdef1l7aum6echk45nj3s0wdvt2fg8x9yrzpqzd3ryx", "prefix is \"abcdef\"" },
            { Bech32m.Encode("fnt", badPadding), "invalid padding" },
            { Bech32m.Encode("fnt", twentyBytes), "holds 20 bytes" },
        };
    }

    [Theory]
    [MemberData(nameof(Failures))]
    public void TryParse_Invalid_ExplainsWhy(string? text, string expectedMessagePart)
    {
        Address.TryParse(text, out _, out var error).ShouldBeFalse();
        error.ShouldContain(expectedMessagePart);
        if (text is not null)
        {
            Should.Throw<FormatException>(() => Address.Parse(text)).Message.ShouldBe(error);
        }
    }

    [Fact]
    public void UpperCaseText_ParsedTwice_DecodesToTheSameKey_AndToStringStaysLowerCase()
    {
        var key = Fontana.Core.Crypto.PrivateKey.Generate().PublicKey;
        var canonical = new Address(key).ToString();
        var upper = canonical.ToUpperInvariant();

        Address.Parse(upper).PublicKey.ShouldBe(key);
        Address.Parse(upper).PublicKey.ShouldBe(key, "a remembered parse gives the same key");

        new Address(key).ToString().ShouldBe(canonical);
        canonical.ShouldBe(canonical.ToLowerInvariant());
    }

    [Fact]
    public void RememberedAddress_ATypoOfIt_IsStillRefused()
    {
        var text = new Address(Fontana.Core.Crypto.PrivateKey.Generate().PublicKey).ToString();
        Address.Parse(text);
        var typo = text[..^1] + (text[^1] == 'q' ? 'p' : 'q');

        Address.TryParse(typo, out _, out var error).ShouldBeFalse();
        error.ShouldContain("checksum is wrong");
    }

    [Fact]
    public void ManyAddresses_BeyondTheCacheCapacity_AllRoundTrip()
    {
        for (var i = 0; i < AddressTextCache.Capacity + 100; i++)
        {
            var key = Fontana.Core.Crypto.PublicKey.FromBytes(System.Security.Cryptography.SHA256.HashData(BitConverter.GetBytes(i)));
            var text = new Address(key).ToString();
            Address.Parse(text).PublicKey.ShouldBe(key);
        }
    }
}
