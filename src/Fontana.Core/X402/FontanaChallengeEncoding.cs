using System.Buffers.Binary;
using Fontana.Core.Crypto;

namespace Fontana.Core.X402;

/// <summary>
/// The canonical, domain-tagged binary encoding of a <see cref="FontanaChallenge"/> (everything but the signature),
/// which the provider signs and whose SHA-256 a payment's memo carries. Layout (docs/x402.md):
/// tag "fontana/x402-challenge/v1" (25 ASCII bytes) | id (16) | expiresAt (i64 BE) | amount (u64 BE) |
/// payTo public key (32) | providerKey (32) | network, method, resource, ledgerUrl (each u16 BE length + UTF-8).
/// </summary>
internal static class FontanaChallengeEncoding
{
    public static ReadOnlySpan<byte> DomainTag => "fontana/x402-challenge/v1"u8;

    private static readonly X402Path ChallengePath = X402Path.FromPrefix("challenge.");

    /// <exception cref="X402FormatException">A field is missing or invalid.</exception>
    public static byte[] Encode(FontanaChallenge challenge)
    {
        ((IX402Validatable)challenge).Validate(ChallengePath);
        var utf8 = System.Text.Encoding.UTF8;
        var length = DomainTag.Length + FontanaChallenge.IdLength + 8 + 8 + PublicKey.Length + PublicKey.Length
            + 8 + utf8.GetByteCount(challenge.Network) + utf8.GetByteCount(challenge.Method)
            + utf8.GetByteCount(challenge.Resource) + utf8.GetByteCount(challenge.LedgerUrl);
        var buffer = new byte[length];
        var span = buffer.AsSpan();

        DomainTag.CopyTo(span);
        span = span[DomainTag.Length..];
        Convert.FromHexString(challenge.Id, span[..FontanaChallenge.IdLength], out _, out _);
        span = span[FontanaChallenge.IdLength..];
        BinaryPrimitives.WriteInt64BigEndian(span, challenge.ExpiresAt);
        span = span[8..];
        BinaryPrimitives.WriteUInt64BigEndian(span, challenge.Amount.Utia);
        span = span[8..];
        challenge.PayTo.PublicKey.CopyTo(span);
        span = span[PublicKey.Length..];
        challenge.ProviderKey.CopyTo(span);
        span = span[PublicKey.Length..];
        span = WriteText(span, challenge.Network);
        span = WriteText(span, challenge.Method);
        span = WriteText(span, challenge.Resource);
        span = WriteText(span, challenge.LedgerUrl);
        System.Diagnostics.Debug.Assert(span.IsEmpty, "length computed above must match what was written");
        return buffer;
    }

    private static Span<byte> WriteText(Span<byte> span, string text)
    {
        var written = System.Text.Encoding.UTF8.GetBytes(text, span[2..]);
        BinaryPrimitives.WriteUInt16BigEndian(span, checked((ushort)written));
        return span[(2 + written)..];
    }
}
