using System.Text.Json;
using Fontana.Core.X402;
using FsCheck;
using FsCheck.Fluent;

namespace Fontana.Core.Tests.X402;

public class X402HeaderCodecTests
{
    // The PaymentRequired example of specs/x402-specification-v2.md §5.1.1, re-typed: the field names Fontana must read.
    private const string SpecPaymentRequiredJson = """
        {
          "x402Version": 2,
          "error": "PAYMENT-SIGNATURE header is required",
          "resource": { "url": "https://api.example.com/premium-data", "description": "Access to premium market data", "mimeType": "application/json" },
          "accepts": [
            {
              "scheme": "exact",
              "network": "eip155:84532",
              "amount": "10000",
              "asset": "0x036CbD53842c5426634e7929541eC2318f3dCF7e",
              "payTo": "0x209693Bc6afc0C5328bA36FaF03C514EF312287C",
              "maxTimeoutSeconds": 60,
              "extra": { "name": "USDC", "version": "2" }
            }
          ],
          "extensions": {}
        }
        """;

    [Fact]
    public void DecodePaymentRequired_SpecExample_ReadsEveryField()
    {
        var decoded = X402HeaderCodec.DecodePaymentRequired(X402Samples.Base64(SpecPaymentRequiredJson));

        decoded.X402Version.ShouldBe(2);
        decoded.Error.ShouldBe("PAYMENT-SIGNATURE header is required");
        decoded.Resource.Url.ShouldBe("https://api.example.com/premium-data");
        decoded.Resource.Description.ShouldBe("Access to premium market data");
        decoded.Resource.MimeType.ShouldBe("application/json");
        var accepts = decoded.Accepts.ShouldHaveSingleItem();
        accepts.Scheme.ShouldBe("exact");
        accepts.Network.ShouldBe("eip155:84532");
        accepts.Amount.ShouldBe("10000");
        accepts.Asset.ShouldBe("0x036CbD53842c5426634e7929541eC2318f3dCF7e");
        accepts.PayTo.ShouldBe("0x209693Bc6afc0C5328bA36FaF03C514EF312287C");
        accepts.MaxTimeoutSeconds.ShouldBe(60);
        accepts.Extra!.Value.GetProperty("name").GetString().ShouldBe("USDC");
        accepts.IsFontanaExact.ShouldBeFalse();
        decoded.Extensions!.Value.ValueKind.ShouldBe(JsonValueKind.Object);
    }

    [Fact]
    public void DecodePaymentResponse_SpecFailureExample_ReadsEveryField()
    {
        const string json = """{"success":false,"errorReason":"insufficient_funds","transaction":"","network":"eip155:84532","payer":"0x857b06519E91e3A54538791bDbb0E22373e36b66"}""";

        var decoded = X402HeaderCodec.DecodePaymentResponse(X402Samples.Base64(json));

        decoded.Success.ShouldBeFalse();
        decoded.ErrorReason.ShouldBe(X402ErrorReasons.InsufficientFunds);
        decoded.Transaction.ShouldBeEmpty();
        decoded.Network.ShouldBe("eip155:84532");
        decoded.Payer.ShouldBe("0x857b06519E91e3A54538791bDbb0E22373e36b66");
    }

    [Fact]
    public void EncodePaymentRequired_RoundTrips_WithFontanaChallenge()
    {
        var original = X402Samples.PaymentRequired();

        var header = X402HeaderCodec.EncodePaymentRequired(original);
        var decoded = X402HeaderCodec.DecodePaymentRequired(header);

        decoded.Resource.ShouldBe(original.Resource);
        var offer = decoded.Accepts.ShouldHaveSingleItem();
        offer.IsFontanaExact.ShouldBeTrue();
        var challenge = FontanaChallenge.FromExtra(offer.Extra);
        challenge.ShouldBe(FontanaChallenge.FromExtra(original.Accepts[0].Extra));
        challenge.Verify().ShouldBeTrue();
        challenge.Matches(offer, out var reason).ShouldBeTrue(reason);
    }

    [Fact]
    public void EncodePaymentRequired_WritesSpecFieldNames()
    {
        var json = JsonDocument.Parse(Convert.FromBase64String(X402HeaderCodec.EncodePaymentRequired(X402Samples.PaymentRequired()))).RootElement;

        json.EnumerateObject().Select(p => p.Name).ShouldBe(["x402Version", "error", "resource", "accepts"]);
        json.GetProperty("resource").EnumerateObject().Select(p => p.Name).ShouldBe(["url", "description", "mimeType"]);
        json.GetProperty("accepts")[0].EnumerateObject().Select(p => p.Name)
            .ShouldBe(["scheme", "network", "amount", "asset", "payTo", "maxTimeoutSeconds", "extra"]);
        json.GetProperty("accepts")[0].GetProperty("extra").EnumerateObject().Select(p => p.Name)
            .ShouldBe(["id", "resource", "method", "amount", "payTo", "network", "expiresAt", "ledgerUrl", "providerKey", "signature"]);
        json.GetProperty("accepts")[0].GetProperty("amount").GetString().ShouldBe("1000");
    }

    [Fact]
    public void EncodePaymentSignature_RoundTrips_FontanaPayload()
    {
        var original = X402Samples.PaymentPayload();

        var decoded = X402HeaderCodec.DecodePaymentSignature(X402HeaderCodec.EncodePaymentSignature(original));

        decoded.X402Version.ShouldBe(2);
        decoded.Accepted.ShouldBeEquivalentTo(original.Accepted with { Extra = decoded.Accepted.Extra });
        var payload = FontanaExactPayload.FromPayload(decoded.Payload);
        payload.Transaction.ShouldBe(new byte[] { 1, 2, 3, 4, 5 });
        payload.Challenge!.Verify().ShouldBeTrue();
        var json = JsonDocument.Parse(Convert.FromBase64String(X402HeaderCodec.EncodePaymentSignature(original))).RootElement;
        json.EnumerateObject().Select(p => p.Name).ShouldBe(["x402Version", "resource", "accepted", "payload"]);
        json.GetProperty("payload").GetProperty("transaction").GetString().ShouldBe("AQIDBAU=");
    }

    [Fact]
    public void EncodePaymentResponse_RoundTrips_AndOmitsNulls()
    {
        var original = new SettlementResponse { Success = true, Transaction = new string('a', 64), Network = "fontana:devnet", Payer = "fnt1payer" };

        var header = X402HeaderCodec.EncodePaymentResponse(original);

        X402HeaderCodec.DecodePaymentResponse(header).ShouldBe(original);
        System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(header))
            .ShouldBe($$"""{"success":true,"payer":"fnt1payer","transaction":"{{new string('a', 64)}}","network":"fontana:devnet"}""");
    }

    [Fact]
    public void DecodePaymentResponse_UrlSafeUnpaddedBase64_IsAccepted()
    {
        var standard = X402HeaderCodec.EncodePaymentResponse(new SettlementResponse { Success = true, Transaction = "??>>", Network = "fontana:x" });
        var urlSafe = standard.Replace('+', '-').Replace('/', '_').TrimEnd('=');

        X402HeaderCodec.DecodePaymentResponse(urlSafe).Transaction.ShouldBe("??>>");
    }

    [Theory]
    [InlineData("??>>")]
    [InlineData("??>>x")]
    [InlineData("??>>xy")]
    public void DecodePaymentResponse_UrlSafePaddedOrStandardUnpadded_IsAccepted(string transaction)
    {
        var standard = X402HeaderCodec.EncodePaymentResponse(new SettlementResponse { Success = true, Transaction = transaction, Network = "fontana:x" });
        var urlSafePadded = standard.Replace('+', '-').Replace('/', '_');
        var unpadded = standard.TrimEnd('=');

        X402HeaderCodec.DecodePaymentResponse(urlSafePadded).Transaction.ShouldBe(transaction);
        X402HeaderCodec.DecodePaymentResponse(unpadded).Transaction.ShouldBe(transaction);
        X402HeaderCodec.DecodePaymentResponse(" " + standard + " ").Transaction.ShouldBe(transaction);
    }

    [Theory]
    [InlineData(null, X402FormatException.EmptyHeader)]
    [InlineData("   ", X402FormatException.EmptyHeader)]
    [InlineData("not base64!", X402FormatException.BadBase64)]
    [InlineData("a", X402FormatException.BadBase64)]
    [InlineData("bm90IGpzb24=", X402FormatException.BadJson)] // "not json"
    [InlineData("W10=", X402FormatException.BadJson)] // []
    [InlineData("bnVsbA==", X402FormatException.BadJson)] // null
    [InlineData("//79", X402FormatException.BadJson)] // invalid UTF-8
    public void DecodePaymentSignature_MalformedHeader_ThrowsWithCode(string? header, string code)
    {
        Should.Throw<X402FormatException>(() => X402HeaderCodec.DecodePaymentSignature(header)).Code.ShouldBe(code);
    }

    [Theory]
    [InlineData("""{"x402Version":1,"resource":{"url":"u"},"accepts":[]}""", X402FormatException.UnsupportedVersion)]
    [InlineData("""{"x402Version":2,"accepts":[]}""", X402FormatException.MissingField)]
    [InlineData("""{"x402Version":2,"resource":null,"accepts":[]}""", X402FormatException.MissingField)]
    [InlineData("""{"x402Version":2,"resource":{"url":"u"},"accepts":[]}""", X402FormatException.MissingField)]
    [InlineData("""{"x402Version":2,"resource":{"url":"u"},"accepts":[null]}""", X402FormatException.MissingField)]
    [InlineData("""{"x402Version":2,"resource":{"url":""},"accepts":[]}""", X402FormatException.MissingField)]
    [InlineData("""{"x402Version":2,"resource":{"url":"u"},"accepts":[{"scheme":"exact","network":"n","amount":"1","asset":"a","maxTimeoutSeconds":1}]}""", X402FormatException.MissingField)]
    [InlineData("""{"x402Version":2,"resource":{"url":"u"},"accepts":[{"scheme":"exact","network":"n","amount":"1","asset":"a","payTo":null,"maxTimeoutSeconds":1}]}""", X402FormatException.MissingField)]
    [InlineData("""{"x402Version":2,"resource":{"url":"u"},"accepts":[{"scheme":"exact","network":"n","amount":"1.5","asset":"a","payTo":"p","maxTimeoutSeconds":1}]}""", X402FormatException.InvalidField)]
    [InlineData("""{"x402Version":2,"resource":{"url":"u"},"accepts":[{"scheme":"exact","network":"n","amount":"1","asset":"a","payTo":"p","maxTimeoutSeconds":-1}]}""", X402FormatException.InvalidField)]
    [InlineData("""{"x402Version":2,"resource":{"url":"u"},"accepts":[{"scheme":"exact","network":"n","amount":"1","asset":"a","payTo":"p","maxTimeoutSeconds":1,"extra":[1]}]}""", X402FormatException.InvalidField)]
    [InlineData("""{"x402Version":2,"resource":{"url":"u"},"accepts":[{"scheme":"exact","network":"n","amount":1,"asset":"a","payTo":"p","maxTimeoutSeconds":1}]}""", X402FormatException.BadJson)]
    [InlineData("""{"x402Version":"2","resource":{"url":"u"},"accepts":[]}""", X402FormatException.BadJson)]
    [InlineData("""{"x402Version":2,"x402Version":2,"resource":{"url":"u"},"accepts":[]}""", X402FormatException.BadJson)]
    [InlineData("""{"x402Version":2,"resource":{"url":"u"},"accepts":[]} trailing""", X402FormatException.BadJson)]
    public void DecodePaymentRequired_InvalidJson_ThrowsWithCode(string json, string code)
    {
        Should.Throw<X402FormatException>(() => X402HeaderCodec.DecodePaymentRequired(X402Samples.Base64(json))).Code.ShouldBe(code);
    }

    [Fact]
    public void DecodePaymentSignature_MissingPayload_ThrowsMissingField()
    {
        var json = """{"x402Version":2,"accepted":{"scheme":"exact","network":"n","amount":"1","asset":"a","payTo":"p","maxTimeoutSeconds":1}}""";

        var ex = Should.Throw<X402FormatException>(() => X402HeaderCodec.DecodePaymentSignature(X402Samples.Base64(json)));

        ex.Code.ShouldBe(X402FormatException.MissingField);
        ex.Message.ShouldContain("PAYMENT-SIGNATURE");
        ex.Message.ShouldContain("payload");
    }

    [Fact]
    public void DecodePaymentSignature_NullPayload_ThrowsMissingField()
    {
        var json = """{"x402Version":2,"accepted":{"scheme":"exact","network":"n","amount":"1","asset":"a","payTo":"p","maxTimeoutSeconds":1},"payload":null}""";

        Should.Throw<X402FormatException>(() => X402HeaderCodec.DecodePaymentSignature(X402Samples.Base64(json))).Code.ShouldBe(X402FormatException.MissingField);
    }

    [Fact]
    public void DecodePaymentResponse_MissingSuccess_ThrowsMissingField()
    {
        var ex = Should.Throw<X402FormatException>(() => X402HeaderCodec.DecodePaymentResponse(X402Samples.Base64("""{"transaction":"","network":"n"}""")));

        ex.Code.ShouldBe(X402FormatException.MissingField);
        ex.Message.ShouldContain("success");
    }

    [Fact]
    public void Decode_HeaderLongerThanLimit_ThrowsHeaderTooLarge()
    {
        var header = new string('A', X402HeaderCodec.MaxHeaderLength + 4);

        Should.Throw<X402FormatException>(() => X402HeaderCodec.DecodePaymentRequired(header)).Code.ShouldBe(X402FormatException.HeaderTooLarge);
    }

    [Fact]
    public void Encode_ValueLargerThanLimit_ThrowsHeaderTooLarge()
    {
        var big = X402Samples.PaymentRequired() with { Error = new string('x', X402HeaderCodec.MaxHeaderLength) };

        Should.Throw<X402FormatException>(() => X402HeaderCodec.EncodePaymentRequired(big)).Code.ShouldBe(X402FormatException.HeaderTooLarge);
    }

    [Fact]
    public void Decode_ArbitraryInput_ThrowsOnlyX402FormatException()
    {
        var valid = X402HeaderCodec.EncodePaymentSignature(X402Samples.PaymentPayload());
        Prop.ForAll(
            ArbMap.Default.ArbFor<string>(),
            ArbMap.Default.ArbFor<int>(),
            (noise, position) =>
            {
                // Either pure noise, or a valid header with one character replaced (corrupted JSON underneath).
                var corrupted = valid.ToCharArray();
                var i = (int)((uint)position % corrupted.Length);
                corrupted[i] = noise is { Length: > 0 } ? noise[0] : 'A';
                foreach (var input in new[] { noise, new string(corrupted), X402Samples.Base64(noise ?? string.Empty) })
                {
                    DecodeOrFormatError(() => X402HeaderCodec.DecodePaymentSignature(input));
                    DecodeOrFormatError(() => X402HeaderCodec.DecodePaymentRequired(input));
                    DecodeOrFormatError(() => X402HeaderCodec.DecodePaymentResponse(input));
                }
            }).QuickCheckThrowOnFailure();
    }

    private static void DecodeOrFormatError(Action decode)
    {
        try
        {
            decode();
        }
        catch (X402FormatException)
        {
        }
    }
}
