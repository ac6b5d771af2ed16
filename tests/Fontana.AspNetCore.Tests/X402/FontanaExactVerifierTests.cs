using Fontana.AspNetCore.Tests.Support;
using Fontana.Core;
using Fontana.Core.Crypto;
using Fontana.Core.Encoding;
using Fontana.Core.Transactions;
using Fontana.Core.X402;
using Microsoft.Extensions.Time.Testing;

namespace Fontana.AspNetCore.Tests.X402;

public sealed class FontanaExactVerifierTests : IDisposable
{
    private const string Resource = "http://127.0.0.1:5000/weather";
    private static readonly Amount Price = Amount.FromUtia(1000);
    private static readonly Amount Coin = Amount.FromTia(1);

    private readonly PrivateKey _provider = PrivateKey.Generate();
    private readonly PrivateKey _payTo = PrivateKey.Generate();
    private readonly PrivateKey _payer = PrivateKey.Generate();
    private readonly FakeTimeProvider _time = new(TimeProvider.System.GetUtcNow());
    private readonly FontanaExactVerifier _verifier;
    private readonly FontanaExactExpectation _expected;
    private readonly OutPoint _coin = new(Hash32.Compute("coin"u8), 0);

    public FontanaExactVerifierTests()
    {
        _verifier = new FontanaExactVerifier(_time);
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
    public void Verify_ValidPayment_IsValidWithPayerAndChallengeHash()
    {
        var challenge = Challenge();
        var result = _verifier.Verify(_expected, Payment(challenge, Pay(challenge)));

        result.IsValid.ShouldBeTrue(result.ToString());
        result.Payer.ShouldBe(new Address(_payer.PublicKey));
        result.ChallengeHash.ShouldBe(challenge.ComputeChallengeHash());
        result.TransactionBytes.Length.ShouldBeGreaterThan(0);
    }

    [Fact]
    public void Verify_ChallengeOnlyInAcceptedExtra_IsValid()
    {
        var challenge = Challenge();
        var result = _verifier.Verify(_expected, OneCopyPayment(challenge, challenge, Pay(challenge)));

        result.IsValid.ShouldBeTrue(result.ToString());
        result.Challenge.ShouldBe(challenge);
        result.ChallengeHash.ShouldBe(challenge.ComputeChallengeHash());
    }

    [Fact]
    public void Verify_ChallengeOnlyInAcceptedExtra_AlteredAfterSigning_IsChallengeInvalid()
    {
        var challenge = Challenge();
        var altered = challenge with { ExpiresAt = challenge.ExpiresAt + 3600 };

        var result = _verifier.Verify(_expected, OneCopyPayment(altered, altered, Pay(altered)));

        result.IsValid.ShouldBeFalse();
        result.ErrorReason.ShouldBe(X402ErrorReasons.ChallengeInvalid);
    }

    [Fact]
    public void Verify_NoChallengeInPayloadNorAcceptedExtra_IsInvalidExactFontanaPayload()
    {
        var challenge = Challenge();

        var result = _verifier.Verify(_expected, OneCopyPayment(challenge, null, Pay(challenge)));

        result.IsValid.ShouldBeFalse();
        result.ErrorReason.ShouldBe(X402ErrorReasons.InvalidExactFontanaPayload);
        result.Detail!.ShouldStartWith("extra is required");
    }

    [Fact]
    public void Verify_ParsedPayloadWithoutChallenge_IsInvalidExactFontanaPayload()
    {
        var challenge = Challenge();

        var result = _verifier.Verify(_expected, new FontanaExactPayload { Transaction = Pay(challenge) });

        result.IsValid.ShouldBeFalse();
        result.ErrorReason.ShouldBe(X402ErrorReasons.InvalidExactFontanaPayload);
    }

    [Fact]
    public void Verify_UnderpaidOutput_IsAmountMismatch() =>
        Reason(c => Pay(c, amount: Price - Amount.FromUtia(1))).ShouldBe(X402ErrorReasons.AmountMismatch);

    [Fact]
    public void Verify_OverpaidOutput_IsAmountMismatch() =>
        Reason(c => Pay(c, amount: Price + Amount.FromUtia(1))).ShouldBe(X402ErrorReasons.AmountMismatch);

    [Fact]
    public void Verify_TwoOutputsToPayTo_IsAmountMismatch() =>
        Reason(c => Pay(c, change: new Address(_payTo.PublicKey))).ShouldBe(X402ErrorReasons.AmountMismatch);

    [Fact]
    public void Verify_PaysAnotherAddress_IsPayToMismatch() =>
        Reason(c => Pay(c, payTo: new Address(PrivateKey.Generate().PublicKey))).ShouldBe(X402ErrorReasons.PayToMismatch);

    [Fact]
    public void Verify_TransactionForAnotherChain_IsNetworkMismatch() =>
        Reason(c => Pay(c, chainId: "other-chain")).ShouldBe(X402ErrorReasons.NetworkMismatch);

    [Fact]
    public void Verify_MemoNotChallengeHash_IsMemoMismatch() =>
        Reason(c => Pay(c, memo: Hash32.Compute("other"u8))).ShouldBe(X402ErrorReasons.MemoMismatch);

    [Fact]
    public void Verify_FeeBelowMinimum_IsLedgerFeeTooLow() =>
        Reason(c => Pay(c, fee: Amount.FromUtia(1))).ShouldBe("fee-too-low");

    [Fact]
    public void Verify_CorruptTransactionSignature_IsSignatureReason()
    {
        Reason(c =>
        {
            var bytes = Pay(c);
            bytes[^1] ^= 1;
            return bytes;
        }).ShouldBe(X402ErrorReasons.InvalidExactFontanaPayloadSignature);
    }

    [Fact]
    public void Verify_GarbageTransaction_IsMalformed()
    {
        var challenge = Challenge();
        var result = _verifier.Verify(_expected, Payment(challenge, [1, 2, 3]));

        result.ErrorReason.ShouldBe(X402ErrorReasons.InvalidExactFontanaPayload);
        result.IsMalformed.ShouldBeTrue();
    }

    [Fact]
    public void Verify_WithdrawalInsteadOfTransfer_IsInvalidPayload()
    {
        var challenge = Challenge();
        var tx = new TransactionBuilder(TestChain.ChainId, TransactionKind.Withdrawal)
            .AddInput(_coin).AddOutput(new Address(_payTo.PublicKey), Price).WithFee(TestChain.MinFee)
            .WithMemo(challenge.ComputeChallengeHash()).WithExternalRef("celestia1xyz").Sign(_payer);

        _verifier.Verify(_expected, Payment(challenge, TransactionCodec.Encode(tx))).ErrorReason.ShouldBe(X402ErrorReasons.InvalidExactFontanaPayload);
    }

    [Fact]
    public void Verify_ExpiredChallenge_IsPaymentExpired()
    {
        var challenge = Challenge();
        var payment = Payment(challenge, Pay(challenge));
        _time.Advance(TimeSpan.FromSeconds(61));

        _verifier.Verify(_expected, payment).ErrorReason.ShouldBe(X402ErrorReasons.PaymentExpired);
    }

    [Fact]
    public void Verify_ChallengeSignedByAnotherKey_IsChallengeInvalid()
    {
        using var forger = PrivateKey.Generate();
        var challenge = Challenge(signer: forger);

        _verifier.Verify(_expected, Payment(challenge, Pay(challenge))).ErrorReason.ShouldBe(X402ErrorReasons.ChallengeInvalid);
    }

    [Fact]
    public void Verify_ChallengeTamperedAfterSigning_IsChallengeInvalid()
    {
        // A cheaper price would not match the expectation; tamper the id instead so every field still matches.
        var challenge = Challenge() with { Id = FontanaChallenge.NewId() };

        _verifier.Verify(_expected, Payment(challenge, Pay(challenge))).ErrorReason.ShouldBe(X402ErrorReasons.ChallengeInvalid);
    }

    [Fact]
    public void Verify_ChallengeForAnotherResource_IsChallengeInvalid()
    {
        var challenge = Challenge(resource: "http://127.0.0.1:5000/other");

        _verifier.Verify(_expected, Payment(challenge, Pay(challenge))).ErrorReason.ShouldBe(X402ErrorReasons.ChallengeInvalid);
    }

    [Fact]
    public void Verify_ChallengeForAnotherMethod_IsChallengeInvalid()
    {
        var challenge = Challenge(method: "POST");

        _verifier.Verify(_expected, Payment(challenge, Pay(challenge))).ErrorReason.ShouldBe(X402ErrorReasons.ChallengeInvalid);
    }

    [Fact]
    public void Verify_ChallengeAtAnotherPrice_IsAmountMismatch()
    {
        var challenge = Challenge(amount: Amount.FromUtia(1));

        _verifier.Verify(_expected, Payment(challenge, Pay(challenge))).ErrorReason.ShouldBe(X402ErrorReasons.AmountMismatch);
    }

    [Theory]
    [InlineData("scheme", X402ErrorReasons.UnsupportedScheme)]
    [InlineData("network", X402ErrorReasons.NetworkMismatch)]
    [InlineData("asset", X402ErrorReasons.AssetMismatch)]
    [InlineData("amount", X402ErrorReasons.AmountMismatch)]
    [InlineData("payTo", X402ErrorReasons.PayToMismatch)]
    public void Verify_AcceptedOfferDiffers_IsRefusedWithReason(string field, string reason)
    {
        var challenge = Challenge();
        var payment = Payment(challenge, Pay(challenge));
        var accepted = field switch
        {
            "scheme" => payment.Accepted with { Scheme = "upto" },
            "network" => payment.Accepted with { Network = "fontana:other" },
            "asset" => payment.Accepted with { Asset = "uusdc" },
            "amount" => payment.Accepted with { Amount = "1" },
            _ => payment.Accepted with { PayTo = new Address(_payer.PublicKey).ToString() },
        };

        _verifier.Verify(_expected, payment with { Accepted = accepted }).ErrorReason.ShouldBe(reason);
    }

    private string? Reason(Func<FontanaChallenge, byte[]> transaction)
    {
        var challenge = Challenge();
        return _verifier.Verify(_expected, Payment(challenge, transaction(challenge))).ErrorReason;
    }

    private FontanaChallenge Challenge(PrivateKey? signer = null, string resource = Resource, string method = "GET", Amount? amount = null)
    {
        var challenge = new FontanaChallenge
        {
            Id = FontanaChallenge.NewId(),
            Resource = resource,
            Method = method,
            Amount = amount ?? Price,
            PayTo = new Address(_payTo.PublicKey),
            Network = "fontana:" + TestChain.ChainId,
            ExpiresAt = _time.GetUtcNow().AddSeconds(60).ToUnixTimeSeconds(),
            LedgerUrl = "http://127.0.0.1:5080",
            ProviderKey = _provider.PublicKey,
        }.Sign(signer ?? _provider);

        // A forger claims the provider's key but cannot make its signature.
        return signer is null ? challenge : challenge with { ProviderKey = _provider.PublicKey };
    }

    private byte[] Pay(
        FontanaChallenge challenge, Amount? amount = null, Address? payTo = null, Address? change = null, string chainId = TestChain.ChainId,
        Hash32? memo = null, Amount? fee = null)
    {
        var paid = amount ?? challenge.Amount;
        var actualFee = fee ?? TestChain.MinFee;
        var tx = new TransactionBuilder(chainId)
            .AddInput(_coin)
            .AddOutput(payTo ?? challenge.PayTo, paid)
            .AddOutput(change ?? new Address(_payer.PublicKey), Coin - paid - actualFee)
            .WithFee(actualFee)
            .WithMemo(memo ?? challenge.ComputeChallengeHash())
            .Sign(_payer);
        return TransactionCodec.Encode(tx);
    }

    private PaymentPayload Payment(FontanaChallenge challenge, byte[] transaction) => new()
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

    /// <summary>A payment as the .NET SDK sends it: the challenge only in the offer accepted (<paramref name="extra"/>).</summary>
    private PaymentPayload OneCopyPayment(FontanaChallenge challenge, FontanaChallenge? extra, byte[] transaction)
    {
        var payment = Payment(challenge, transaction);
        return payment with
        {
            Accepted = payment.Accepted with { Extra = extra?.ToExtra() },
            Payload = new FontanaExactPayload { Transaction = transaction }.ToPayload(),
        };
    }
}
