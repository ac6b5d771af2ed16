using Fontana.Core.Crypto;
using Fontana.Core.X402;

namespace Fontana.Core.Tests.X402;

public class FontanaChallengeTests
{
    [Fact]
    public void Sign_ThenVerify_IsValid_AndSetsProviderKey()
    {
        using var key = X402Samples.ProviderKey();
        using var other = PrivateKey.Generate();

        var signed = X402Samples.UnsignedChallenge(other.PublicKey).Sign(key);

        signed.ProviderKey.ShouldBe(key.PublicKey);
        signed.Signature!.Length.ShouldBe(128);
        signed.Verify().ShouldBeTrue();
    }

    [Fact]
    public void Verify_Unsigned_IsFalse()
    {
        using var key = X402Samples.ProviderKey();

        X402Samples.UnsignedChallenge(key.PublicKey).Verify().ShouldBeFalse();
    }

    public static TheoryData<string> Tampers() => ["id", "resource", "method", "amount", "payTo", "network", "expiresAt", "ledgerUrl", "providerKey", "signature", "badSignatureHex"];

    [Theory]
    [MemberData(nameof(Tampers))]
    public void Verify_AnyFieldChanged_IsFalse(string field)
    {
        var signed = X402Samples.SignedChallenge();
        using var stranger = PrivateKey.Generate();

        var tampered = field switch
        {
            "id" => signed with { Id = "ff" + signed.Id[2..] },
            "resource" => signed with { Resource = signed.Resource + "&x=1" },
            "method" => signed with { Method = "POST" },
            "amount" => signed with { Amount = signed.Amount + Amount.FromUtia(1) },
            "payTo" => signed with { PayTo = new Address(stranger.PublicKey) },
            "network" => signed with { Network = "fontana:other" },
            "expiresAt" => signed with { ExpiresAt = signed.ExpiresAt + 1 },
            "ledgerUrl" => signed with { LedgerUrl = "http://evil" },
            "providerKey" => signed with { ProviderKey = stranger.PublicKey },
            "signature" => signed with { Signature = (signed.Signature![0] == '0' ? "1" : "0") + signed.Signature[1..] },
            _ => signed with { Signature = new string('z', 128) },
        };

        tampered.Verify().ShouldBeFalse();
    }

    [Fact]
    public void Verify_SignedByOtherKeyButClaimingProvider_IsFalse()
    {
        using var provider = X402Samples.ProviderKey();
        using var attacker = PrivateKey.Generate();

        var forged = X402Samples.UnsignedChallenge(provider.PublicKey).Sign(attacker) with { ProviderKey = provider.PublicKey };

        forged.Verify().ShouldBeFalse();
    }

    [Fact]
    public void CanonicalEncoding_TestVector_IsStable()
    {
        var signed = X402Samples.SignedChallenge();

        var encoded = FontanaChallengeEncoding.Encode(signed);

        Convert.ToHexStringLower(encoded).ShouldBe(
            "666f6e74616e612f783430322d6368616c6c656e67652f7631" // "fontana/x402-challenge/v1"
            + "000102030405060708090a0b0c0d0e0f" // id
            + "00000000684ee180" // expiresAt 1750000000
            + "00000000000003e8" // amount 1000 utia
            + "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c" // payTo public key
            + "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a" // providerKey
            + "000e" + Convert.ToHexStringLower("fontana:devnet"u8)
            + "0003" + Convert.ToHexStringLower("GET"u8)
            + "002a" + Convert.ToHexStringLower("https://api.example.com/weather?city=Paris"u8)
            + "0015" + Convert.ToHexStringLower("http://127.0.0.1:5080"u8));
        signed.ComputeChallengeHash().ShouldBe(Hash32.Compute(encoded));
        signed.ComputeChallengeHash().ToString().ShouldBe(ChallengeVector.Hash);
        signed.Signature.ShouldBe(ChallengeVector.Signature);
    }

    [Fact]
    public void ComputeChallengeHash_IgnoresSignature()
    {
        var signed = X402Samples.SignedChallenge();

        signed.ComputeChallengeHash().ShouldBe((signed with { Signature = null }).ComputeChallengeHash());
    }

    [Fact]
    public void ExtraRoundTrip_PreservesEveryField()
    {
        var signed = X402Samples.SignedChallenge();

        var back = FontanaChallenge.FromExtra(signed.ToExtra());

        back.ShouldBe(signed);
        back.Verify().ShouldBeTrue();
    }

    [Theory]
    [InlineData("id", "\"abc\"", X402FormatException.InvalidField)]
    [InlineData("amount", "\"-1\"", X402FormatException.InvalidField)]
    [InlineData("amount", "1000", X402FormatException.InvalidField)]
    [InlineData("payTo", "\"fnt1notanaddress\"", X402FormatException.InvalidField)]
    [InlineData("providerKey", "\"00\"", X402FormatException.InvalidField)]
    [InlineData("signature", "\"00\"", X402FormatException.InvalidField)]
    [InlineData("method", "\"GETGETGETGETGETGET\"", X402FormatException.InvalidField)]
    [InlineData("expiresAt", "\"soon\"", X402FormatException.BadJson)]
    [InlineData("resource", null, X402FormatException.MissingField)]
    [InlineData("ledgerUrl", null, X402FormatException.MissingField)]
    [InlineData("expiresAt", null, X402FormatException.MissingField)]
    public void FromExtra_BadField_ThrowsWithCode(string field, string? jsonValue, string code)
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(X402Samples.SignedChallenge().ToExtra().GetRawText())!.AsObject();
        if (jsonValue is null)
        {
            node.Remove(field);
        }
        else
        {
            node[field] = System.Text.Json.Nodes.JsonNode.Parse(jsonValue);
        }

        var extra = System.Text.Json.JsonDocument.Parse(node.ToJsonString()).RootElement;

        Should.Throw<X402FormatException>(() => FontanaChallenge.FromExtra(extra)).Code.ShouldBe(code);
    }

    [Fact]
    public void FromExtra_Absent_ThrowsMissingField()
    {
        Should.Throw<X402FormatException>(() => FontanaChallenge.FromExtra(null)).Code.ShouldBe(X402FormatException.MissingField);
    }

    [Fact]
    public void Matches_EachMismatch_ReturnsItsReason()
    {
        var challenge = X402Samples.SignedChallenge();
        var requirements = X402Samples.Requirements(challenge);
        using var stranger = PrivateKey.Generate();

        challenge.Matches(requirements, out _).ShouldBeTrue();
        Reason(requirements with { Scheme = "upto" }).ShouldBe(X402ErrorReasons.UnsupportedScheme);
        Reason(requirements with { Network = "fontana:other" }).ShouldBe(X402ErrorReasons.NetworkMismatch);
        Reason(requirements with { Asset = "uatom" }).ShouldBe(X402ErrorReasons.AssetMismatch);
        Reason(requirements with { Amount = "999" }).ShouldBe(X402ErrorReasons.AmountMismatch);
        Reason(requirements with { Amount = "99999999999999999999999" }).ShouldBe(X402ErrorReasons.AmountMismatch);
        Reason(requirements with { PayTo = new Address(stranger.PublicKey).ToString() }).ShouldBe(X402ErrorReasons.PayToMismatch);
        Reason(requirements with { PayTo = "not-an-address" }).ShouldBe(X402ErrorReasons.PayToMismatch);
        challenge.Matches(requirements with { PayTo = requirements.PayTo.ToUpperInvariant() }, out _).ShouldBeTrue();

        string? Reason(PaymentRequirements r)
        {
            challenge.Matches(r, out var reason).ShouldBeFalse();
            return reason;
        }
    }

    [Fact]
    public void IsExpired_AtAndAfterExpiresAt()
    {
        var challenge = X402Samples.SignedChallenge();

        challenge.IsExpired(DateTimeOffset.FromUnixTimeSeconds(challenge.ExpiresAt - 1)).ShouldBeFalse();
        challenge.IsExpired(DateTimeOffset.FromUnixTimeSeconds(challenge.ExpiresAt)).ShouldBeTrue();
        challenge.GetExpiry().ToUnixTimeSeconds().ShouldBe(challenge.ExpiresAt);
    }

    [Fact]
    public void NewId_Is16RandomBytesHex()
    {
        var a = FontanaChallenge.NewId();
        var b = FontanaChallenge.NewId();

        a.Length.ShouldBe(32);
        a.ShouldMatch("^[0-9a-f]{32}$");
        a.ShouldNotBe(b);
    }

    private static class ChallengeVector
    {
        public const string Hash = "8d1b95d835c92057976598c441e77724a7e7f8cceabe15260e8727771e2080a7";
        public const string Signature = "fe41c38f9bfdb725ed86dfd85ce1acd1c0879167611ccef7271e9e2625dd1595e75cc8f01d60bf7aef249b184cf610f2e4fa806414a66eb7e353371378ec780a";
    }
}
