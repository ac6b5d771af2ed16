namespace Fontana.Core.Crypto;

/// <summary>
/// X25519 key agreement between Ed25519 keys (libsodium's birational maps to Curve25519, then <c>crypto_scalarmult</c>),
/// and keyed BLAKE2b-256: the primitives of session MAC keys (docs/protocol.md §4a).
/// </summary>
internal static class KeyAgreement
{
    public const int SharedSecretLength = Sodium.Curve25519Bytes;

    /// <summary>X25519(own key's scalar, peer's Montgomery point); false when the peer key is not a usable point
    /// (not on the curve, or of small order so the result would be all zero).</summary>
    public static bool TrySharedSecret(PrivateKey own, PublicKey peer, Span<byte> shared)
    {
        ArgumentNullException.ThrowIfNull(own);
        Sodium.EnsureInitialized();
        Span<byte> peerEd = stackalloc byte[PublicKey.Length];
        peer.CopyTo(peerEd);
        Span<byte> peerCurve = stackalloc byte[Sodium.Curve25519Bytes];
        if (Sodium.crypto_sign_ed25519_pk_to_curve25519(peerCurve, peerEd) != 0)
        {
            return false;
        }

        Span<byte> scalar = stackalloc byte[Sodium.Curve25519Bytes];
        try
        {
            own.WriteCurve25519Scalar(scalar);
            return Sodium.crypto_scalarmult(shared[..SharedSecretLength], scalar, peerCurve) == 0;
        }
        finally
        {
            Sodium.sodium_memzero(scalar, (nuint)scalar.Length);
        }
    }

    /// <summary>BLAKE2b with a 32-byte output, keyed with <paramref name="key"/> (16–64 bytes).</summary>
    public static void Blake2b256(ReadOnlySpan<byte> key, ReadOnlySpan<byte> message, Span<byte> output)
    {
        Sodium.EnsureInitialized();
        if (Sodium.crypto_generichash(output[..32], 32, message, (ulong)message.Length, key, (nuint)key.Length) != 0)
        {
            throw new InvalidOperationException("libsodium crypto_generichash failed");
        }
    }
}
