using System.Text.Json;
using Fontana.Core.Crypto;
using Fontana.Core.Sessions;
using Fontana.Core.Tests.Support;
using Fontana.Core.X402;

namespace Fontana.Core.Tests.X402;

/// <summary>The <c>fontana-session</c> payload (docs/x402.md): signed, MAC-only and both, and what is malformed.</summary>
public class FontanaSessionPayloadTests
{
    private const string Chain = "fontana-test";
    private static readonly PrivateKey SessionKey = PrivateKey.FromSeed(TestKeys.Seed(0x80));
    private static readonly Hash32 SessionId = Hash32.Compute("session"u8);
    private static readonly Voucher Voucher = new(SessionId, Amount.FromUtia(5000), 5);

    [Fact]
    public void Payload_MacOnly_RoundTripsWithoutASignature()
    {
        using var key = SessionMacKey.ForPayer(SessionKey, TestKeys.Bob.PublicKey, SessionId, Chain);

        var json = FontanaSession.CreatePayload(PresentedVoucher.FromMac(Voucher, key));

        json.TryGetProperty("signature", out _).ShouldBeFalse();
        FontanaSession.TryReadPayload(json, out var read, out var error).ShouldBeTrue(error);
        read!.Voucher.ShouldBe(Voucher);
        read.Signed.ShouldBeNull();
        key.Verify(read.Voucher, read.Mac).ShouldBeTrue();
    }

    [Fact]
    public void Payload_SignedAndMac_KeepsBoth()
    {
        using var key = SessionMacKey.ForPayer(SessionKey, TestKeys.Bob.PublicKey, SessionId, Chain);

        var json = FontanaSession.CreatePayload(PresentedVoucher.FromSigned(Voucher.Sign(SessionKey, Chain), key));

        FontanaSession.TryReadPayload(json, out var read, out _).ShouldBeTrue();
        read!.Signed!.Verify(SessionKey.PublicKey, Chain).ShouldBeTrue();
        read.HasMac.ShouldBeTrue();
    }

    [Theory]
    [InlineData("""{"sessionId":"ID","cumulative":"5000","counter":"5"}""", "neither a signature nor a mac")]
    [InlineData("""{"sessionId":"ID","cumulative":"5000","counter":"5","mac":"abcd"}""", "mac is not 32 bytes of hex")]
    [InlineData("""{"sessionId":"ID","cumulative":"5000","counter":"5","mac":"zz00000000000000000000000000000000000000000000000000000000000000"}""", "mac is not 32 bytes of hex")]
    [InlineData("""{"sessionId":"ID","cumulative":"5000","counter":"5","mac":5}""", "mac is not 32 bytes of hex")]
    [InlineData("""{"sessionId":"ID","cumulative":"5000","counter":"5","signature":"00"}""", "signature is not 64 bytes of hex")]
    public void Payload_MissingOrMalformedAuthenticator_IsRefusedWithAReason(string template, string reason)
    {
        using var document = JsonDocument.Parse(template.Replace("ID", SessionId.ToString(), StringComparison.Ordinal));

        FontanaSession.TryReadPayload(document.RootElement, out var read, out var error).ShouldBeFalse();

        read.ShouldBeNull();
        error!.ShouldContain(reason);
    }

    [Fact]
    public void EncodePaymentSignature_WrittenDirectly_IsTheCodecsEncodingOfTheSamePayload()
    {
        using var key = SessionMacKey.ForPayer(SessionKey, TestKeys.Bob.PublicKey, SessionId, Chain);
        var accepted = new PaymentRequirements
        {
            Scheme = FontanaSession.Scheme,
            Network = FontanaExact.FormatNetwork(Chain),
            Amount = "1000",
            Asset = FontanaExact.Asset,
            PayTo = new Address(TestKeys.Bob.PublicKey).ToString(),
            MaxTimeoutSeconds = 60,
        };
        foreach (var voucher in new[] { PresentedVoucher.FromMac(Voucher, key), PresentedVoucher.FromSigned(Voucher.Sign(SessionKey, Chain)) })
        {
            var direct = FontanaSession.EncodePaymentSignature(X402Json.SerializeToUtf8Bytes(accepted), voucher);

            direct.ShouldBe(X402HeaderCodec.EncodePaymentSignature(new PaymentPayload { Accepted = accepted, Payload = FontanaSession.CreatePayload(voucher) }));
            X402HeaderCodec.DecodePaymentSignature(direct).Accepted.ShouldBe(accepted);
        }
    }

    [Fact]
    public void Extra_WithMacCredit_ReadsIt_AndWithoutItIsZero()
    {
        var with = FontanaSession.CreateExtra(TestKeys.Bob.PublicKey, Amount.Zero, Amount.FromUtia(100_000));
        var without = FontanaSession.CreateExtra(TestKeys.Bob.PublicKey, Amount.Zero);

        FontanaSession.TryReadExtra(with, out var payee, out _, out var credit).ShouldBeTrue();
        payee.ShouldBe(TestKeys.Bob.PublicKey);
        credit.ShouldBe(Amount.FromUtia(100_000));
        FontanaSession.TryReadExtra(without, out _, out _, out var none).ShouldBeTrue();
        none.ShouldBe(Amount.Zero);
        without.TryGetProperty("macCredit", out _).ShouldBeFalse();
    }
}
