using Fontana.Core.Crypto;
using Fontana.Core.Encoding;
using Fontana.Core.Sessions;
using Fontana.Core.Tests.Support;
using Fontana.Core.Transactions;
using Fontana.Core.Validation;

namespace Fontana.Core.Tests.Sessions;

/// <summary>The session kinds' encoding, vouchers and stateless rules.</summary>
public class SessionTransactionTests
{
    private const string Chain = "fontana-test";

    private static readonly PrivateKey SessionKey = PrivateKey.FromSeed(TestKeys.Seed(0x80));

    private static readonly Hash32 SessionId = Hash32.Compute("session"u8);

    private static readonly ValidationContext Context = new(Chain, 1_000, Amount.FromUtia(10));

    public static TheoryData<string> Kinds() => ["open", "top-up", "claim", "close", "close-without-voucher", "reclaim"];

    [Theory]
    [MemberData(nameof(Kinds))]
    public void EncodeDecode_EachSessionKind_RoundTripsWithItsSection(string kind)
    {
        var tx = Build(kind);

        var bytes = TransactionCodec.Encode(tx);
        var decoded = TransactionCodec.Decode(bytes);

        TransactionAssert.SameFields(decoded, tx);
        decoded.SessionData.Length.ShouldBe(SessionSection.LengthOf(tx.Kind));
        TransactionCodec.Encode(decoded).ShouldBe(bytes);
        TransactionValidator.Validate(decoded, Context).IsValid.ShouldBeTrue(TransactionValidator.Validate(decoded, Context).ToString());
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Decode_TruncatedInsideTheSessionSection_IsTruncated(string kind)
    {
        var bytes = TransactionCodec.Encode(Build(kind));
        var cut = bytes.Length - 64 - 32 - 1;

        var error = Should.Throw<FontanaFormatException>(() => TransactionCodec.Decode(bytes.AsSpan(0, cut)));

        error.Code.ShouldBe(FormatErrorCode.Truncated);
    }

    [Fact]
    public void Decode_KindTen_IsBadKind()
    {
        var bytes = TransactionCodec.Encode(Build("reclaim"));
        bytes[1 + 1 + Chain.Length] = 10;

        Should.Throw<FontanaFormatException>(() => TransactionCodec.Decode(bytes)).Code.ShouldBe(FormatErrorCode.BadKind);
    }

    [Fact]
    public void Constructor_SectionOfTheWrongLength_Throws() =>
        Should.Throw<ArgumentException>(() => new Transaction(
            1, Chain, TransactionKind.SessionReclaim, [], [], Amount.Zero, default, 0, "", TestKeys.Alice.PublicKey, default, new byte[31]));

    [Fact]
    public void Voucher_SignedForOneChainOrSession_DoesNotVerifyForAnother()
    {
        var signed = new Voucher(SessionId, Amount.FromUtia(500), 3).Sign(SessionKey, Chain);

        signed.Verify(SessionKey.PublicKey, Chain).ShouldBeTrue();
        signed.Verify(SessionKey.PublicKey, "other-chain").ShouldBeFalse();
        signed.Verify(TestKeys.Alice.PublicKey, Chain).ShouldBeFalse();
        new Voucher(Hash32.Compute("other"u8), Amount.FromUtia(500), 3).Verify(SessionKey.PublicKey, Chain, signed.Signature).ShouldBeFalse();
        new Voucher(SessionId, Amount.FromUtia(501), 3).Verify(SessionKey.PublicKey, Chain, signed.Signature).ShouldBeFalse();
        new Voucher(SessionId, Amount.FromUtia(500), 4).Verify(SessionKey.PublicKey, Chain, signed.Signature).ShouldBeFalse();
        SignedVoucher.Read(signed.ToArray()).Voucher.ShouldBe(signed.Voucher);
    }

    [Fact]
    public void SessionStateKey_NeverCollidesWithTheOutpointKeyOfTheSameTxId()
    {
        SessionState.StateKeyOf(SessionId).ShouldNotBe(new OutPoint(SessionId, 0).StateKey());
        SessionState.StateKeyOf(SessionId).ShouldNotBe(SessionState.StateKeyOf(Hash32.Compute("other"u8)));
    }

    [Theory]
    [InlineData("open-no-inputs", "no-inputs")]
    [InlineData("open-zero-deposit", "bad-session-terms")]
    [InlineData("open-no-expiry", "bad-session-terms")]
    [InlineData("open-to-self", "bad-session-terms")]
    [InlineData("open-low-fee", "fee-too-low")]
    [InlineData("open-overflow", "amount-overflow")]
    [InlineData("top-up-zero", "bad-session-terms")]
    [InlineData("claim-with-input", "unexpected-inputs")]
    [InlineData("claim-two-outputs", "unexpected-outputs")]
    [InlineData("claim-no-output", "no-outputs")]
    [InlineData("claim-counter-zero", "bad-voucher")]
    [InlineData("close-with-fee", "unexpected-fee")]
    [InlineData("close-other-session-voucher", "bad-voucher")]
    [InlineData("close-three-outputs", "unexpected-outputs")]
    [InlineData("reclaim-two-outputs", "unexpected-outputs")]
    [InlineData("session-external-ref", "unexpected-external-ref")]
    public void Validate_SessionShapeBroken_RejectsWithItsCode(string variant, string code) =>
        TransactionValidator.Validate(BuildInvalid(variant), Context).Code.Value.ShouldBe(code);

    private static Transaction Build(string kind)
    {
        var payee = TestKeys.Bob.PublicKey;
        var input = new OutPoint(Hash32.Compute("coin"u8), 1);
        return kind switch
        {
            "open" => new TransactionBuilder(Chain).WithSessionOpen(new SessionOpenTerms(payee, SessionKey.PublicKey, 5_000, Amount.FromUtia(700)))
                .AddInput(input).AddOutput(TestKeys.AliceAddress, Amount.FromUtia(290)).WithFee(Amount.FromUtia(10)).Sign(TestKeys.Alice),
            "top-up" => new TransactionBuilder(Chain).WithSessionTopUp(new SessionTopUpTerms(SessionId, Amount.FromUtia(90), 0))
                .AddInput(input).WithFee(Amount.FromUtia(10)).Sign(TestKeys.Alice),
            "claim" => new TransactionBuilder(Chain).WithSessionClaim(new Voucher(SessionId, Amount.FromUtia(300), 7).Sign(SessionKey, Chain))
                .AddOutput(TestKeys.BobAddress, Amount.FromUtia(290)).WithFee(Amount.FromUtia(10)).Sign(TestKeys.Bob),
            "close" => new TransactionBuilder(Chain).WithSessionClose(SessionId, new Voucher(SessionId, Amount.FromUtia(400), 9).Sign(SessionKey, Chain))
                .AddOutput(TestKeys.BobAddress, Amount.FromUtia(100)).AddOutput(TestKeys.AliceAddress, Amount.FromUtia(300)).Sign(TestKeys.Alice),
            "close-without-voucher" => new TransactionBuilder(Chain).WithSessionClose(SessionId, null)
                .AddOutput(TestKeys.AliceAddress, Amount.FromUtia(300)).Sign(TestKeys.Bob),
            "reclaim" => new TransactionBuilder(Chain).WithSessionReclaim(SessionId).AddOutput(TestKeys.AliceAddress, Amount.FromUtia(300)).Sign(TestKeys.Alice),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
    }

    private static Transaction BuildInvalid(string variant)
    {
        var payee = TestKeys.Bob.PublicKey;
        var input = new OutPoint(Hash32.Compute("coin"u8), 1);
        var fee = Amount.FromUtia(10);
        var voucher = new Voucher(SessionId, Amount.FromUtia(300), 7).Sign(SessionKey, Chain);
        TransactionBuilder Open(PublicKey to, ulong expiry, ulong deposit) =>
            new TransactionBuilder(Chain).WithSessionOpen(new SessionOpenTerms(to, SessionKey.PublicKey, expiry, Amount.FromUtia(deposit))).WithFee(fee);
        TransactionBuilder Claim(SignedVoucher v) => new TransactionBuilder(Chain).WithSessionClaim(v).WithFee(fee);
        return variant switch
        {
            "open-no-inputs" => Open(payee, 5_000, 700).Sign(TestKeys.Alice),
            "open-zero-deposit" => Open(payee, 5_000, 0).AddInput(input).Sign(TestKeys.Alice),
            "open-no-expiry" => Open(payee, 0, 700).AddInput(input).Sign(TestKeys.Alice),
            "open-to-self" => Open(TestKeys.Alice.PublicKey, 5_000, 700).AddInput(input).Sign(TestKeys.Alice),
            "open-low-fee" => Open(payee, 5_000, 700).AddInput(input).WithFee(Amount.FromUtia(9)).Sign(TestKeys.Alice),
            "open-overflow" => Open(payee, 5_000, ulong.MaxValue).AddInput(input).AddOutput(TestKeys.AliceAddress, Amount.FromUtia(5)).Sign(TestKeys.Alice),
            "top-up-zero" => new TransactionBuilder(Chain).WithSessionTopUp(new SessionTopUpTerms(SessionId, Amount.Zero, 0)).AddInput(input).WithFee(fee).Sign(TestKeys.Alice),
            "claim-with-input" => Claim(voucher).AddInput(input).AddOutput(TestKeys.BobAddress, Amount.FromUtia(290)).Sign(TestKeys.Bob),
            "claim-two-outputs" => Claim(voucher).AddOutput(TestKeys.BobAddress, Amount.FromUtia(145)).AddOutput(TestKeys.BobAddress, Amount.FromUtia(145)).Sign(TestKeys.Bob),
            "claim-no-output" => Claim(voucher).Sign(TestKeys.Bob),
            "claim-counter-zero" => Claim(new Voucher(SessionId, Amount.FromUtia(300), 0).Sign(SessionKey, Chain)).AddOutput(TestKeys.BobAddress, Amount.FromUtia(290)).Sign(TestKeys.Bob),
            "close-with-fee" => new TransactionBuilder(Chain).WithSessionClose(SessionId, null).AddOutput(TestKeys.AliceAddress, Amount.FromUtia(5)).WithFee(fee).Sign(TestKeys.Alice),
            "close-other-session-voucher" => new TransactionBuilder(Chain).WithSessionClose(Hash32.Compute("other"u8), voucher).Sign(TestKeys.Alice),
            "close-three-outputs" => new TransactionBuilder(Chain).WithSessionClose(SessionId, null)
                .AddOutput(TestKeys.AliceAddress, Amount.FromUtia(1)).AddOutput(TestKeys.AliceAddress, Amount.FromUtia(1)).AddOutput(TestKeys.AliceAddress, Amount.FromUtia(1)).Sign(TestKeys.Alice),
            "reclaim-two-outputs" => new TransactionBuilder(Chain).WithSessionReclaim(SessionId)
                .AddOutput(TestKeys.AliceAddress, Amount.FromUtia(1)).AddOutput(TestKeys.AliceAddress, Amount.FromUtia(1)).Sign(TestKeys.Alice),
            "session-external-ref" => new TransactionBuilder(Chain).WithSessionReclaim(SessionId).WithExternalRef("x").Sign(TestKeys.Alice),
            _ => throw new ArgumentOutOfRangeException(nameof(variant)),
        };
    }
}
