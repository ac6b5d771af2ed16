using Fontana.AspNetCore.Tests.Support;
using Fontana.Core;
using Fontana.Core.Crypto;
using Fontana.Core.Encoding;
using Fontana.Core.Transactions;
using Fontana.Core.X402;
using Microsoft.Extensions.Time.Testing;

namespace Fontana.AspNetCore.Tests.X402;

/// <summary>
/// The provider's own verifier recognises its challenges by their MAC instead of verifying the Ed25519 signature;
/// anything that is not exactly a challenge it made, signature included, still has to pass the signature.
/// </summary>
public sealed class FontanaChallengeMacTests : IDisposable
{
    private const string Resource = "http://127.0.0.1:5000/weather";
    private static readonly Amount Price = Amount.FromUtia(1000);
    private static readonly Amount Coin = Amount.FromTia(1);

    private readonly PrivateKey _provider = PrivateKey.Generate();
    private readonly PrivateKey _payTo = PrivateKey.Generate();
    private readonly PrivateKey _payer = PrivateKey.Generate();
    private readonly FakeTimeProvider _time = new(TimeProvider.System.GetUtcNow());
    private readonly FontanaChallengeMac _mac;
    private readonly FontanaExactVerifier _ownVerifier;
    private readonly FontanaExactVerifier _facilitatorVerifier;
    private readonly FontanaExactExpectation _expected;
    private readonly OutPoint _coin = new(Hash32.Compute("coin"u8), 0);

    public FontanaChallengeMacTests()
    {
        _mac = FontanaChallengeMac.FromChallengeKey(_provider);
        _ownVerifier = new FontanaExactVerifier(_time, _mac);
        _facilitatorVerifier = new FontanaExactVerifier(_time);
        _expected = new FontanaExactExpectation(
            TestChain.ChainId, Price, new Address(_payTo.PublicKey), Resource, "GET", _provider.PublicKey, TestChain.MinFee);
    }

    public void Dispose()
    {
        _provider.Dispose();
        _payTo.Dispose();
        _payer.Dispose();
    }

    [Fact]
    public void Sign_MacedChallenge_IsAStandardSignedChallenge()
    {
        var challenge = Challenge();

        challenge.Verify().ShouldBeTrue("the Ed25519 signature is still there for clients and facilitators");
        challenge.ProviderKey.ShouldBe(_provider.PublicKey);
        challenge.Mac!.Length.ShouldBe(FontanaChallengeMac.MacLength * 2);
        _mac.IsIssued(Encoded(challenge), Hex(challenge.Signature), Hex(challenge.Mac)).ShouldBeTrue();
    }

    [Fact]
    public void Sign_MacIsNotPartOfTheChallengeHash()
    {
        var challenge = Challenge();

        (challenge with { Mac = null }).ComputeChallengeHash().ShouldBe(challenge.ComputeChallengeHash());
    }

    [Fact]
    public void FromExtra_MacRoundTripsThroughTheOffer()
    {
        var challenge = Challenge();

        FontanaChallenge.FromExtra(challenge.ToExtra()).Mac.ShouldBe(challenge.Mac);
    }

    [Fact]
    public void FromExtra_MacNotHex_IsInvalidField()
    {
        var challenge = Challenge();
        var json = challenge.ToExtra().GetRawText().Replace(challenge.Mac!, new string('z', 64), StringComparison.Ordinal);
        var extra = System.Text.Json.JsonDocument.Parse(json).RootElement.Clone();

        Should.Throw<X402FormatException>(() => FontanaChallenge.FromExtra(extra)).Code.ShouldBe("invalid-field");
    }

    [Fact]
    public void FromChallengeKey_SameKey_RecognisesTheOtherInstancesChallenges()
    {
        using var sameKey = PrivateKey.FromSeed(_provider.ExportSeed());
        var restarted = FontanaChallengeMac.FromChallengeKey(sameKey);
        var challenge = Challenge();

        restarted.IsIssued(Encoded(challenge), Hex(challenge.Signature), Hex(challenge.Mac)).ShouldBeTrue();
    }

    [Fact]
    public void Verify_MacedChallenge_IsValidForProviderAndFacilitator()
    {
        var challenge = Challenge();
        var payment = Payment(challenge, Pay(challenge));

        _ownVerifier.Verify(_expected, payment).IsValid.ShouldBeTrue();
        _facilitatorVerifier.Verify(_expected, payment).IsValid.ShouldBeTrue();
    }

    [Fact]
    public void Verify_ExpiryExtendedAfterSigning_ForgedMacIsChallengeInvalid()
    {
        // Changing a field breaks the MAC; the fallback signature check fails too.
        var challenge = Challenge();
        var forged = challenge with { ExpiresAt = challenge.ExpiresAt + 3600 };

        _ownVerifier.Verify(_expected, Payment(forged, Pay(forged))).ErrorReason.ShouldBe(X402ErrorReasons.ChallengeInvalid);
    }

    [Fact]
    public void Verify_SignatureReplacedMacKept_IsChallengeInvalid()
    {
        // The MAC covers the signature: the provider's content with another signature is not the provider's challenge.
        var challenge = Challenge();
        using var forger = PrivateKey.Generate();
        var forged = challenge.Sign(forger) with { ProviderKey = _provider.PublicKey, Mac = challenge.Mac };

        _ownVerifier.Verify(_expected, Payment(forged, Pay(forged))).ErrorReason.ShouldBe(X402ErrorReasons.ChallengeInvalid);
    }

    [Fact]
    public void Verify_MacMadeWithAnotherSecret_IsChallengeInvalid()
    {
        // A forger MACs and signs with keys of its own and claims the provider's key: neither check passes.
        using var forger = PrivateKey.Generate();
        var forged = FontanaChallengeMac.FromChallengeKey(forger).Sign(Unsigned(), forger) with { ProviderKey = _provider.PublicKey };

        _ownVerifier.Verify(_expected, Payment(forged, Pay(forged))).ErrorReason.ShouldBe(X402ErrorReasons.ChallengeInvalid);
    }

    [Fact]
    public void Verify_MacBitFlipped_FallsBackToTheSignatureAndIsValid()
    {
        // A wrong MAC only costs the Ed25519 verification it would have saved.
        var challenge = Challenge();
        var mac = Hex(challenge.Mac);
        mac[0] ^= 1;
        var flipped = challenge with { Mac = Convert.ToHexStringLower(mac) };

        _mac.IsIssued(Encoded(flipped), Hex(flipped.Signature), mac).ShouldBeFalse();
        _ownVerifier.Verify(_expected, Payment(flipped, Pay(flipped))).IsValid.ShouldBeTrue();
    }

    [Fact]
    public void Verify_MacBitFlippedAndSignatureBroken_IsChallengeInvalid()
    {
        var challenge = Challenge();
        var mac = Hex(challenge.Mac);
        mac[0] ^= 1;
        var signature = Hex(challenge.Signature);
        signature[0] ^= 1;
        var forged = challenge with { Mac = Convert.ToHexStringLower(mac), Signature = Convert.ToHexStringLower(signature) };

        _ownVerifier.Verify(_expected, Payment(forged, Pay(forged))).ErrorReason.ShouldBe(X402ErrorReasons.ChallengeInvalid);
    }

    [Fact]
    public void Verify_ExpiredMacedChallenge_IsPaymentExpired()
    {
        var challenge = Challenge();
        var payment = Payment(challenge, Pay(challenge));
        _time.Advance(TimeSpan.FromSeconds(61));

        _ownVerifier.Verify(_expected, payment).ErrorReason.ShouldBe(X402ErrorReasons.PaymentExpired);
    }

    [Fact]
    public void Verify_MacedChallengeWithoutSignature_IsChallengeInvalid()
    {
        var challenge = Challenge() with { Signature = null };

        _ownVerifier.Verify(_expected, Payment(challenge, Pay(challenge))).ErrorReason.ShouldBe(X402ErrorReasons.ChallengeInvalid);
    }

    [Fact]
    public void Verify_ChallengeWithoutMac_IsValidThroughTheSignature()
    {
        // A client that drops unknown fields, or a challenge issued before the provider had the secret.
        var challenge = Challenge() with { Mac = null };

        _ownVerifier.Verify(_expected, Payment(challenge, Pay(challenge))).IsValid.ShouldBeTrue();
    }

    [Fact]
    public void IsIssued_WrongLengths_IsFalse()
    {
        var challenge = Challenge();

        _mac.IsIssued(Encoded(challenge), [], Hex(challenge.Mac)).ShouldBeFalse();
        _mac.IsIssued(Encoded(challenge), Hex(challenge.Signature), []).ShouldBeFalse();
    }

    private static byte[] Hex(string? hex) => Convert.FromHexString(hex!);

    private static byte[] Encoded(FontanaChallenge challenge)
    {
        // The canonical encoding is internal to Core; the hash check proves the bytes below are that encoding.
        var bytes = ChallengeEncoding(challenge);
        Hash32.Compute(bytes).ShouldBe(challenge.ComputeChallengeHash());
        return bytes;
    }

    private static byte[] ChallengeEncoding(FontanaChallenge c)
    {
        var utf8 = System.Text.Encoding.UTF8;
        using var stream = new MemoryStream();
        stream.Write("fontana/x402-challenge/v1"u8);
        stream.Write(Convert.FromHexString(c.Id));
        Span<byte> number = stackalloc byte[8];
        System.Buffers.Binary.BinaryPrimitives.WriteInt64BigEndian(number, c.ExpiresAt);
        stream.Write(number);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(number, c.Amount.Utia);
        stream.Write(number);
        stream.Write(c.PayTo.PublicKey.ToArray());
        stream.Write(c.ProviderKey.ToArray());
        Span<byte> length = stackalloc byte[2];
        foreach (var text in new[] { c.Network, c.Method, c.Resource, c.LedgerUrl })
        {
            var bytes = utf8.GetBytes(text);
            System.Buffers.Binary.BinaryPrimitives.WriteUInt16BigEndian(length, checked((ushort)bytes.Length));
            stream.Write(length);
            stream.Write(bytes);
        }

        return stream.ToArray();
    }

    private FontanaChallenge Unsigned() => new()
    {
        Id = FontanaChallenge.NewId(),
        Resource = Resource,
        Method = "GET",
        Amount = Price,
        PayTo = new Address(_payTo.PublicKey),
        Network = "fontana:" + TestChain.ChainId,
        ExpiresAt = _time.GetUtcNow().AddSeconds(60).ToUnixTimeSeconds(),
        LedgerUrl = "http://127.0.0.1:5080",
        ProviderKey = _provider.PublicKey,
    };

    private FontanaChallenge Challenge() => _mac.Sign(Unsigned(), _provider);

    private byte[] Pay(FontanaChallenge challenge)
    {
        var tx = new TransactionBuilder(TestChain.ChainId)
            .AddInput(_coin)
            .AddOutput(challenge.PayTo, challenge.Amount)
            .AddOutput(new Address(_payer.PublicKey), Coin - challenge.Amount - TestChain.MinFee)
            .WithFee(TestChain.MinFee)
            .WithMemo(challenge.ComputeChallengeHash())
            .Sign(_payer);
        return TransactionCodec.Encode(tx);
    }

    private static PaymentPayload Payment(FontanaChallenge challenge, byte[] transaction) => new()
    {
        Resource = new ResourceInfo { Url = challenge.Resource },
        Accepted = new PaymentRequirements
        {
            Scheme = FontanaExact.Scheme,
            Network = "fontana:" + TestChain.ChainId,
            Amount = challenge.Amount.Utia.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Asset = FontanaExact.Asset,
            PayTo = challenge.PayTo.ToString(),
            MaxTimeoutSeconds = 60,
        },
        Payload = new FontanaExactPayload { Transaction = transaction, Challenge = challenge }.ToPayload(),
    };
}
