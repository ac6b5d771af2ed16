using Fontana.Core.X402;

namespace Fontana.Core.Tests.X402;

public class FacilitatorJsonTests
{
    [Fact]
    public void FacilitatorRequest_RoundTrips_WithSpecFieldNames()
    {
        var payload = X402Samples.PaymentPayload();
        var request = new FacilitatorRequest { PaymentPayload = payload, PaymentRequirements = payload.Accepted };

        var bytes = X402Json.SerializeToUtf8Bytes(request);
        var back = X402Json.Deserialize<FacilitatorRequest>(bytes);

        var json = System.Text.Json.JsonDocument.Parse(bytes).RootElement;
        json.EnumerateObject().Select(p => p.Name).ShouldBe(["x402Version", "paymentPayload", "paymentRequirements"]);
        back.PaymentRequirements.ShouldBeEquivalentTo(payload.Accepted with { Extra = back.PaymentRequirements.Extra });
        FontanaExactPayload.FromPayload(back.PaymentPayload.Payload).Challenge!.Verify().ShouldBeTrue();
    }

    [Fact]
    public void VerifyResponse_SpecExamples_Deserialize()
    {
        var valid = X402Json.Deserialize<VerifyResponse>("""{"isValid":true,"payer":"fnt1x"}"""u8);
        var invalid = X402Json.Deserialize<VerifyResponse>("""{"isValid":false,"invalidReason":"insufficient_funds","payer":"fnt1x"}"""u8);

        valid.IsValid.ShouldBeTrue();
        valid.Payer.ShouldBe("fnt1x");
        invalid.IsValid.ShouldBeFalse();
        invalid.InvalidReason.ShouldBe(X402ErrorReasons.InsufficientFunds);
        System.Text.Encoding.UTF8.GetString(X402Json.SerializeToUtf8Bytes(invalid)).ShouldBe("""{"isValid":false,"invalidReason":"insufficient_funds","payer":"fnt1x"}""");
    }

    [Fact]
    public void VerifyResponse_MissingIsValid_ThrowsMissingField()
    {
        Should.Throw<X402FormatException>(() => X402Json.Deserialize<VerifyResponse>("""{"payer":"x"}"""u8)).Code.ShouldBe(X402FormatException.MissingField);
    }

    [Fact]
    public void SupportedResponse_RoundTrips_WithSpecFieldNames()
    {
        var supported = new SupportedResponse
        {
            Kinds = [new SupportedKind { Scheme = FontanaExact.Scheme, Network = FontanaExact.FormatNetwork("devnet") }],
            Extensions = [],
            Signers = new Dictionary<string, IReadOnlyList<string>> { ["fontana:*"] = ["d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a"] },
        };

        var text = System.Text.Encoding.UTF8.GetString(X402Json.SerializeToUtf8Bytes(supported));
        var back = X402Json.Deserialize<SupportedResponse>(System.Text.Encoding.UTF8.GetBytes(text));

        text.ShouldBe("""{"kinds":[{"x402Version":2,"scheme":"exact","network":"fontana:devnet"}],"extensions":[],"signers":{"fontana:*":["d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a"]}}""");
        back.Kinds.ShouldHaveSingleItem().Network.ShouldBe("fontana:devnet");
        back.Signers["fontana:*"].ShouldHaveSingleItem();
    }

    [Fact]
    public void SupportedResponse_MissingSigners_ThrowsMissingField()
    {
        Should.Throw<X402FormatException>(() => X402Json.Deserialize<SupportedResponse>("""{"kinds":[],"extensions":[]}"""u8)).Code.ShouldBe(X402FormatException.MissingField);
    }

    [Fact]
    public void Deserialize_BodyOverLimit_ThrowsHeaderTooLarge()
    {
        var big = new byte[100];

        Should.Throw<X402FormatException>(() => X402Json.Deserialize<VerifyResponse>(big, maxBytes: 99)).Code.ShouldBe(X402FormatException.HeaderTooLarge);
    }

    [Fact]
    public void FontanaExactPayload_BadTransactionBase64_ThrowsBadJson()
    {
        var element = System.Text.Json.JsonDocument.Parse("""{"transaction":"***","challenge":{}}""").RootElement;

        Should.Throw<X402FormatException>(() => FontanaExactPayload.FromPayload(element)).Code.ShouldBe(X402FormatException.BadJson);
    }

    [Fact]
    public void FontanaExactPayload_EmptyTransaction_ThrowsInvalidField()
    {
        var challenge = X402Samples.SignedChallenge();

        Should.Throw<X402FormatException>(() => new FontanaExactPayload { Transaction = [], Challenge = challenge }.ToPayload()).Code.ShouldBe(X402FormatException.InvalidField);
    }

    [Fact]
    public void SerializeToUtf8Bytes_UnsupportedType_Throws()
    {
        Should.Throw<NotSupportedException>(() => X402Json.SerializeToUtf8Bytes(new object()));
    }
}
