using System.Text.Json;
using Fontana.Core.Crypto;
using Fontana.Core.Tests.Support;

namespace Fontana.Core.Tests.Crypto;

/// <summary>RFC 8032 §7.1 Ed25519 test vectors TEST 1, 2, 3 and 1024 (Vectors/ed25519-rfc8032.json).</summary>
public class Ed25519Rfc8032Tests
{
    public static TheoryData<string> Names() => ["TEST 1", "TEST 2", "TEST 3", "TEST 1024"];

    [Theory]
    [MemberData(nameof(Names))]
    public void FromSeed_RfcVector_DerivesPublicKeySignsAndVerifies(string name)
    {
        var (seed, publicKey, message, signature) = Load(name);
        using var key = PrivateKey.FromSeed(seed);

        key.PublicKey.ToString().ShouldBe(Convert.ToHexStringLower(publicKey));
        Convert.ToHexStringLower(key.Sign(message)).ShouldBe(Convert.ToHexStringLower(signature));
        PublicKey.FromBytes(publicKey).Verify(message, signature).ShouldBeTrue();
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Verify_RfcVectorTampered_ReturnsFalse(string name)
    {
        var (_, publicKey, message, signature) = Load(name);
        var key = PublicKey.FromBytes(publicKey);

        var badSignature = (byte[])signature.Clone();
        badSignature[^1] ^= 0x01;
        key.Verify(message, badSignature).ShouldBeFalse();

        var longerMessage = message.Append((byte)0).ToArray();
        key.Verify(longerMessage, signature).ShouldBeFalse();
        key.Verify(message, signature.AsSpan(0, 63)).ShouldBeFalse();
    }

    [Fact]
    public void Test1024_MessageIs1023Bytes()
    {
        Load("TEST 1024").Message.Length.ShouldBe(1023);
    }

    private static (byte[] Seed, byte[] PublicKey, byte[] Message, byte[] Signature) Load(string name)
    {
        using var doc = VectorFile.Load("ed25519-rfc8032.json");
        var vector = doc.RootElement.GetProperty("vectors").EnumerateArray().Single(v => v.GetProperty("name").GetString() == name);
        return (Hex(vector, "secretKey"), Hex(vector, "publicKey"), Hex(vector, "message"), Hex(vector, "signature"));
    }

    private static byte[] Hex(JsonElement element, string property) => Convert.FromHexString(element.GetProperty(property).GetString()!);
}
