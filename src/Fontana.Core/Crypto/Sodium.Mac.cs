using System.Runtime.InteropServices;

namespace Fontana.Core.Crypto;

/// <summary>libsodium's X25519 (with the Ed25519 → Curve25519 key maps) and keyed BLAKE2b, for session MAC keys.</summary>
internal static partial class Sodium
{
    internal const int Curve25519Bytes = 32;

    [LibraryImport(Library)]
    internal static partial int crypto_sign_ed25519_pk_to_curve25519(Span<byte> curvePk, ReadOnlySpan<byte> edPk);

    [LibraryImport(Library)]
    internal static partial int crypto_sign_ed25519_sk_to_curve25519(Span<byte> curveSk, ReadOnlySpan<byte> edSk);

    [LibraryImport(Library)]
    internal static partial int crypto_scalarmult(Span<byte> q, ReadOnlySpan<byte> n, ReadOnlySpan<byte> p);

    [LibraryImport(Library)]
    internal static partial int crypto_generichash(Span<byte> @out, nuint outlen, ReadOnlySpan<byte> @in, ulong inlen, ReadOnlySpan<byte> key, nuint keylen);
}
