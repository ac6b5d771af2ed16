using System.Text.Json;
using Fontana.Core.X402;

namespace Fontana.Core.Tests.X402;

/// <summary>The one-pass <c>PAYMENT-SIGNATURE</c> encoder of a Fontana payment writes exactly what the generic
/// encoder writes for the same payment, and refuses what the generic one refuses.</summary>
public class FontanaPaymentSignatureEncodingTests
{
    private static readonly JsonElement Extensions = JsonDocument.Parse("""{"payment-identifier":{"info":{"required":false,"id":"abcdefghijklmnop"}}}""").RootElement.Clone();

    [Theory]
    [InlineData(true, true)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(false, false)]
    public void EncodePaymentSignature_FontanaPayload_SameHeaderAsGenericEncoder(bool withResource, bool withExtensions)
    {
        var challenge = X402Samples.SignedChallenge();
        var exact = new FontanaExactPayload { Transaction = [1, 2, 3, 4, 5, 0xfb, 0xff], Challenge = challenge };
        var resource = withResource ? new ResourceInfo { Url = challenge.Resource, Description = "a <fortune> & more" } : null;
        JsonElement? extensions = withExtensions ? Extensions : null;
        var generic = new PaymentPayload
        {
            Resource = resource,
            Accepted = X402Samples.Requirements(challenge),
            Payload = exact.ToPayload(),
            Extensions = extensions,
        };

        var header = X402HeaderCodec.EncodeFontanaPaymentSignature(resource, X402Samples.Requirements(challenge), exact, extensions);

        header.ShouldBe(X402HeaderCodec.EncodePaymentSignature(generic));
        var decoded = X402HeaderCodec.DecodePaymentSignature(header);
        FontanaExactPayload.FromPayload(decoded.Payload).Transaction.ShouldBe(exact.Transaction);
        FontanaExactPayload.FromPayload(decoded.Payload).Challenge.ShouldBe(challenge);
        PaymentIdentifier.TryRead(decoded, out var id, out _).ShouldBeTrue();
        id.ShouldBe(withExtensions ? "abcdefghijklmnop" : null);
    }

    [Fact]
    public void EncodePaymentSignature_EmptyTransaction_InvalidField()
    {
        var challenge = X402Samples.SignedChallenge();
        var exact = new FontanaExactPayload { Transaction = [], Challenge = challenge };

        var ex = Should.Throw<X402FormatException>(() => X402HeaderCodec.EncodeFontanaPaymentSignature(null, X402Samples.Requirements(challenge), exact, null));

        ex.Code.ShouldBe(X402FormatException.InvalidField);
        ex.Message.ShouldContain("payload.transaction");
    }

    [Fact]
    public void EncodePaymentSignature_OfferWithBadAmount_InvalidFieldNamingIt()
    {
        var challenge = X402Samples.SignedChallenge();
        var offer = X402Samples.Requirements(challenge) with { Amount = "1.5" };
        var exact = new FontanaExactPayload { Transaction = [1], Challenge = challenge };

        var ex = Should.Throw<X402FormatException>(() => X402HeaderCodec.EncodeFontanaPaymentSignature(null, offer, exact, null));

        ex.Code.ShouldBe(X402FormatException.InvalidField);
        ex.Message.ShouldStartWith("accepted.amount");
    }

    [Fact]
    public void EncodePaymentSignature_ExtensionsNotAnObject_InvalidField()
    {
        var challenge = X402Samples.SignedChallenge();
        var exact = new FontanaExactPayload { Transaction = [1], Challenge = challenge };
        var array = JsonDocument.Parse("[1]").RootElement.Clone();

        var ex = Should.Throw<X402FormatException>(() => X402HeaderCodec.EncodeFontanaPaymentSignature(null, X402Samples.Requirements(challenge), exact, array));

        ex.Code.ShouldBe(X402FormatException.InvalidField);
        ex.Message.ShouldStartWith("extensions");
    }

    [Fact]
    public void EncodePaymentSignature_PayloadWithoutChallenge_ChallengeOnlyInAcceptedExtraAndReadFromThere()
    {
        var challenge = X402Samples.SignedChallenge();
        var exact = new FontanaExactPayload { Transaction = [1, 2, 3] };

        var header = X402HeaderCodec.EncodeFontanaPaymentSignature(null, X402Samples.Requirements(challenge), exact, null);

        var json = JsonDocument.Parse(Convert.FromBase64String(header)).RootElement;
        json.GetProperty("payload").EnumerateObject().Select(p => p.Name).ShouldBe(["transaction"]);
        var decoded = X402HeaderCodec.DecodePaymentSignature(header);
        var payload = FontanaExactPayload.FromPayload(decoded.Payload);
        payload.Challenge.ShouldBeNull();
        payload.ChallengeIn(decoded.Accepted).ShouldBe(challenge);
        header.Length.ShouldBeLessThan(X402HeaderCodec.EncodeFontanaPaymentSignature(
            null, X402Samples.Requirements(challenge), exact with { Challenge = challenge }, null).Length * 3 / 4);
    }

    [Fact]
    public void ChallengeIn_BothCopies_ThePayloadsCopyWins()
    {
        var challenge = X402Samples.SignedChallenge();
        var other = X402Samples.SignedChallenge() with { Id = FontanaChallenge.NewId() };
        var exact = new FontanaExactPayload { Transaction = [1], Challenge = challenge };

        exact.ChallengeIn(X402Samples.Requirements(other)).ShouldBe(challenge);
    }

    [Fact]
    public void ChallengeIn_NoCopyAnywhere_MissingField()
    {
        var exact = new FontanaExactPayload { Transaction = [1] };
        var offer = X402Samples.Requirements(X402Samples.SignedChallenge()) with { Extra = null };

        var ex = Should.Throw<X402FormatException>(() => exact.ChallengeIn(offer));

        ex.Code.ShouldBe(X402FormatException.MissingField);
        ex.Message.ShouldStartWith("extra");
    }
}
