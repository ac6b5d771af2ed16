using Fontana.Core.Encoding;

namespace Fontana.Core.Tests.Encoding;

/// <summary>BIP-350 test vectors for the bech32m checksum (valid strings with arbitrary HRPs, invalid ones with their reason).</summary>
public class Bech32mVectorTests
{
    public static TheoryData<string> Valid() =>
    [
        "A1LQFN3A",
        "a1lqfn3a",
        "an83characterlonghumanreadablepartthatcontainsthetheexcludedcharactersbioandnumber11sg7hg6",
        "abcdef1l7aum6echk45nj3s0wdvt2fg8x9yrzpqzd3ryx",
        "11llllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllludsr8",
        "split1checkupstagehandshakeupstreamerranterredcaperredlc445v",
        "?1v759aa",
    ];

    public static TheoryData<string, string> Invalid() => new()
    {
        { "\u00201xj0phk", nameof(Bech32Error.InvalidCharacter) },   // HRP character out of range (space)
        { "\u007f1g6xzxy", nameof(Bech32Error.InvalidCharacter) },   // HRP character out of range (DEL)
        { "\u00801vctc34", nameof(Bech32Error.InvalidCharacter) },   // HRP character out of range (0x80)
        { "an84characterslonghumanreadablepartthatcontainsthetheexcludedcharactersbioandnumber11d6pts4", nameof(Bech32Error.TooLong) },
        { "qyrz8wqd2c9m", nameof(Bech32Error.NoSeparator) },
        { "1qyrz8wqd2c9m", nameof(Bech32Error.EmptyHrp) },
        { "y1b0jsk6g", nameof(Bech32Error.InvalidCharacter) },       // invalid data character
        { "lt1igcx5c0", nameof(Bech32Error.InvalidCharacter) },      // invalid data character
        { "in1muywd", nameof(Bech32Error.TooShort) },                // too short checksum
        { "mm1crxm3i", nameof(Bech32Error.InvalidCharacter) },       // invalid character in checksum
        { "au1s5cgom", nameof(Bech32Error.InvalidCharacter) },       // invalid character in checksum
        { "M1VUXWEZ", nameof(Bech32Error.BadChecksum) },             // checksum computed over the uppercase HRP
        { "16plkw9", nameof(Bech32Error.EmptyHrp) },
        { "1p2gdwpf", nameof(Bech32Error.EmptyHrp) },
        { "a12uel5l", nameof(Bech32Error.BadChecksum) },             // valid bech32 (BIP-173), not bech32m
        { "A1lqfn3a", nameof(Bech32Error.MixedCase) },
    };

    [Theory]
    [MemberData(nameof(Valid))]
    public void Decode_Bip350Valid_DecodesAndReencodesToLowercase(string text)
    {
        var decoded = Bech32m.Decode(text, out var error);

        error.ShouldBe(Bech32Error.None);
        decoded.ShouldNotBeNull();
        Bech32m.Encode(decoded.Value.Hrp, decoded.Value.Data5).ShouldBe(text.ToLowerInvariant());
    }

    [Theory]
    [MemberData(nameof(Valid))]
    public void Decode_Bip350ValidWithOneCharacterChanged_FailsChecksum(string text)
    {
        var lower = text.ToLowerInvariant();
        var last = lower[^1];
        var changed = lower[..^1] + (last == 'q' ? 'p' : 'q');

        Bech32m.Decode(changed, out var error).ShouldBeNull();
        error.ShouldBe(Bech32Error.BadChecksum);
    }

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Decode_Bip350Invalid_FailsWithReason(string text, string expected)
    {
        Bech32m.Decode(text, out var error).ShouldBeNull();
        error.ToString().ShouldBe(expected);
    }
}
