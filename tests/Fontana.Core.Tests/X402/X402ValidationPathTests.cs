using Fontana.Core.X402;

namespace Fontana.Core.Tests.X402;

/// <summary>Error messages name the failing field by its full path (built only when a check fails).</summary>
public class X402ValidationPathTests
{
    [Fact]
    public void DecodePaymentRequired_SecondOfferWithoutPayTo_NamesAcceptsIndexAndField()
    {
        const string json = """
            {"x402Version":2,"resource":{"url":"https://a.example/x"},"accepts":[
              {"scheme":"exact","network":"n:1","amount":"1","asset":"a","payTo":"p","maxTimeoutSeconds":1},
              {"scheme":"exact","network":"n:1","amount":"1","asset":"a","payTo":"","maxTimeoutSeconds":1}]}
            """;

        var ex = Should.Throw<X402FormatException>(() => X402HeaderCodec.DecodePaymentRequired(X402Samples.Base64(json)));

        ex.Code.ShouldBe(X402FormatException.MissingField);
        ex.Message.ShouldBe("PAYMENT-REQUIRED: accepts[1].payTo is required");
    }

    [Fact]
    public void DecodePaymentRequired_NullOffer_NamesTheItem()
    {
        const string json = """{"x402Version":2,"resource":{"url":"https://a.example/x"},"accepts":[null]}""";

        var ex = Should.Throw<X402FormatException>(() => X402HeaderCodec.DecodePaymentRequired(X402Samples.Base64(json)));

        ex.Code.ShouldBe(X402FormatException.MissingField);
        ex.Message.ShouldBe("PAYMENT-REQUIRED: accepts[0] is required");
    }

    [Fact]
    public void FacilitatorRequest_BadAcceptedAmount_NamesTheNestedPath()
    {
        var payload = X402Samples.PaymentPayload();
        var json = X402Json.SerializeToUtf8Bytes(new FacilitatorRequest { PaymentPayload = payload, PaymentRequirements = payload.Accepted });
        var text = System.Text.Encoding.UTF8.GetString(json).Replace("\"amount\":\"1000\"", "\"amount\":\"-1\"", StringComparison.Ordinal);

        var ex = Should.Throw<X402FormatException>(() => X402Json.Deserialize<FacilitatorRequest>(System.Text.Encoding.UTF8.GetBytes(text)));

        ex.Code.ShouldBe(X402FormatException.InvalidField);
        ex.Message.ShouldStartWith("paymentPayload.accepted.amount must be a base-10 integer string");
    }

    [Fact]
    public void FromExtra_ChallengeWithShortId_NamesExtraId()
    {
        var extra = X402Samples.SignedChallenge().ToExtra();
        var text = extra.GetRawText().Replace(X402Samples.SignedChallenge().Id, "abcd", StringComparison.Ordinal);

        var ex = Should.Throw<X402FormatException>(() => FontanaChallenge.FromExtra(System.Text.Json.JsonDocument.Parse(text).RootElement));

        ex.Code.ShouldBe(X402FormatException.InvalidField);
        ex.Message.ShouldStartWith("extra.id must be 32 hex characters");
    }
}
