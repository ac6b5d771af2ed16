using System.Security.Cryptography;
using Fontana.Core.Crypto;
using Fontana.Core.Encoding;

namespace Fontana.Core.Sessions;

/// <summary>
/// The key a payer and a payee share for one session, so vouchers can be authenticated by a MAC instead of an Ed25519
/// signature (docs/protocol.md §4a, "MAC vouchers"). Agreed without any message: X25519 between the session key (the
/// payer holds its private half) and the payee's key (the payee holds its private half), both Ed25519 keys mapped to
/// Curve25519, then
/// <c>key = BLAKE2b-256(key: shared, "fontana/session-mac/v1" ‖ u8 len(chainId) ‖ chainId ‖ session id ‖ session key ‖ payee key)</c>.
/// A voucher's MAC is <c>BLAKE2b-256(key, "fontana/voucher-mac/v1" ‖ voucher (48 bytes))</c>. Either side can make a MAC,
/// so a MAC proves the voucher to the payee only, never to the ledger: claims still carry a signed voucher.
/// </summary>
public sealed class SessionMacKey : IDisposable
{
    /// <summary>Length of the key and of a voucher MAC.</summary>
    public const int Length = 32;

    /// <summary>Domain tag of the key derivation.</summary>
    public const string KeyDomain = "fontana/session-mac/v1";

    /// <summary>Domain tag of a voucher MAC.</summary>
    public const string MacDomain = "fontana/voucher-mac/v1";

    private static ReadOnlySpan<byte> KeyDomainBytes => "fontana/session-mac/v1"u8;

    private static ReadOnlySpan<byte> MacDomainBytes => "fontana/voucher-mac/v1"u8;

    private readonly byte[] _key;

    private SessionMacKey(byte[] key, Hash32 sessionId)
    {
        _key = key;
        SessionId = sessionId;
    }

    /// <summary>The key bytes (secret; for the test vectors).</summary>
    internal ReadOnlySpan<byte> KeyBytes => _key;

    /// <summary>The session the key belongs to.</summary>
    public Hash32 SessionId { get; }

    /// <summary>The payer's copy: from the session's private key and the payee's public key.</summary>
    public static SessionMacKey ForPayer(PrivateKey sessionKey, PublicKey payee, Hash32 sessionId, string chainId)
    {
        ArgumentNullException.ThrowIfNull(sessionKey);
        return Derive(sessionKey, payee, sessionKey.PublicKey, payee, sessionId, chainId);
    }

    /// <summary>The payee's copy: from the payee's private key and the session's public key (from the open).</summary>
    public static SessionMacKey ForPayee(PrivateKey payeeKey, PublicKey sessionKey, Hash32 sessionId, string chainId)
    {
        ArgumentNullException.ThrowIfNull(payeeKey);
        return Derive(payeeKey, sessionKey, sessionKey, payeeKey.PublicKey, sessionId, chainId);
    }

    /// <summary>Writes the 32-byte MAC of <paramref name="voucher"/> into <paramref name="mac"/>.</summary>
    public void Compute(Voucher voucher, Span<byte> mac)
    {
        Span<byte> message = stackalloc byte[MacDomainBytes.Length + Voucher.EncodedLength];
        MacDomainBytes.CopyTo(message);
        voucher.WriteTo(message[MacDomainBytes.Length..]);
        KeyAgreement.Blake2b256(_key, message, mac);
    }

    /// <summary>The MAC of <paramref name="voucher"/>.</summary>
    public byte[] Compute(Voucher voucher)
    {
        var mac = new byte[Length];
        Compute(voucher, mac);
        return mac;
    }

    /// <summary>True when <paramref name="mac"/> is this key's MAC of <paramref name="voucher"/> (constant-time compare;
    /// false for a voucher of another session or a MAC of the wrong length).</summary>
    public bool Verify(Voucher voucher, ReadOnlySpan<byte> mac)
    {
        if (mac.Length != Length || voucher.SessionId != SessionId)
        {
            return false;
        }

        Span<byte> expected = stackalloc byte[Length];
        Compute(voucher, expected);
        return CryptographicOperations.FixedTimeEquals(expected, mac);
    }

    /// <inheritdoc />
    public void Dispose() => CryptographicOperations.ZeroMemory(_key);

    private static SessionMacKey Derive(PrivateKey own, PublicKey peer, PublicKey sessionKey, PublicKey payee, Hash32 sessionId, string chainId)
    {
        Span<byte> shared = stackalloc byte[KeyAgreement.SharedSecretLength];
        if (!KeyAgreement.TrySharedSecret(own, peer, shared))
        {
            throw new ArgumentException($"no key agreement with {peer}: not a usable curve point", nameof(peer));
        }

        Span<byte> info = stackalloc byte[SigningMessage.MaxLength + 3 * 32];
        var length = SigningMessage.WritePrefix(KeyDomainBytes, chainId, info);
        sessionId.CopyTo(info[length..]);
        sessionKey.CopyTo(info[(length + 32)..]);
        payee.CopyTo(info[(length + 64)..]);
        var key = new byte[Length];
        KeyAgreement.Blake2b256(shared, info[..(length + 96)], key);
        CryptographicOperations.ZeroMemory(shared);
        return new SessionMacKey(key, sessionId);
    }
}
