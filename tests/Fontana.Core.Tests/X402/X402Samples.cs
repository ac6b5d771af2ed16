using Fontana.Core.Crypto;
using Fontana.Core.X402;

namespace Fontana.Core.Tests.X402;

/// <summary>Fixed keys and objects shared by the x402 tests.</summary>
internal static class X402Samples
{
    public static PrivateKey ProviderKey() => PrivateKey.FromSeed(Convert.FromHexString("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"));

    public static PrivateKey PayerKey() => PrivateKey.FromSeed(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());

    public static Address PayTo { get; } = new(PublicKey.Parse("3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c"));

    public static FontanaChallenge UnsignedChallenge(PublicKey providerKey) => new()
    {
        Id = "000102030405060708090a0b0c0d0e0f",
        Resource = "https://api.example.com/weather?city=Paris",
        Method = "GET",
        Amount = Amount.FromUtia(1000),
        PayTo = PayTo,
        Network = "fontana:devnet",
        ExpiresAt = 1_750_000_000,
        LedgerUrl = "http://127.0.0.1:5080",
        ProviderKey = providerKey,
    };

    public static FontanaChallenge SignedChallenge()
    {
        using var key = ProviderKey();
        return UnsignedChallenge(key.PublicKey).Sign(key);
    }

    public static PaymentRequirements Requirements(FontanaChallenge challenge) => new()
    {
        Scheme = FontanaExact.Scheme,
        Network = challenge.Network,
        Amount = challenge.Amount.Utia.ToString(System.Globalization.CultureInfo.InvariantCulture),
        Asset = FontanaExact.Asset,
        PayTo = challenge.PayTo.ToString(),
        MaxTimeoutSeconds = 60,
        Extra = challenge.ToExtra(),
    };

    public static PaymentRequired PaymentRequired() => new()
    {
        Error = "PAYMENT-SIGNATURE header is required",
        Resource = new ResourceInfo { Url = "https://api.example.com/weather?city=Paris", Description = "Weather", MimeType = "application/json" },
        Accepts = [Requirements(SignedChallenge())],
    };

    public static PaymentPayload PaymentPayload()
    {
        var challenge = SignedChallenge();
        return new PaymentPayload
        {
            Resource = new ResourceInfo { Url = challenge.Resource },
            Accepted = Requirements(challenge),
            Payload = new FontanaExactPayload { Transaction = [1, 2, 3, 4, 5], Challenge = challenge }.ToPayload(),
        };
    }

    public static string Base64(string json) => Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(json));
}
