using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace Fontana.Core.Crypto;

/// <summary>
/// SHA-256 of short inputs (txids, state keys and values, tree nodes: a replay hashes ~30 per payment). Through
/// <see cref="SHA256.HashData(ReadOnlySpan{byte}, Span{byte})"/> each call goes through OpenSSL's EVP layer — a context
/// allocated and freed, the error queue cleared — which cost about three times the hashing itself (docs/ledger.md
/// "Fifth pass"). Where the system's OpenSSL 3 exports its low-level <c>SHA256_Init/Update/Final</c> (Linux), short
/// inputs are hashed with those on a context on the stack (the same SHA-NI code), after a known-answer check at load;
/// anywhere else, and for long inputs, <see cref="SHA256"/> as before.
/// </summary>
internal static unsafe class Sha256
{
    /// <summary>Longest input hashed through the low-level calls (they run without a GC transition, so they must be short).</summary>
    private const int ShortInputLimit = 4096;

    /// <summary>Bytes reserved for OpenSSL's <c>SHA256_CTX</c> (112 on 64-bit platforms).</summary>
    private const int ContextBytes = 128;

    private static readonly LowLevel? Native = LowLevel.TryLoad();

    /// <summary>True when short inputs go through OpenSSL's low-level calls.</summary>
    internal static bool UsesLowLevel => Native is not null;

    /// <summary>Writes SHA-256(<paramref name="data"/>) into the first 32 bytes of <paramref name="digest"/>.</summary>
    public static void Hash(ReadOnlySpan<byte> data, Span<byte> digest)
    {
        if (Native is { } native && data.Length <= ShortInputLimit && digest.Length >= SHA256.HashSizeInBytes)
        {
            native.Hash(data, digest);
            return;
        }

        SHA256.HashData(data, digest);
    }

    private sealed class LowLevel
    {
        private readonly delegate* unmanaged[SuppressGCTransition]<byte*, int> _init;
        private readonly delegate* unmanaged[SuppressGCTransition]<byte*, byte*, nuint, int> _update;
        private readonly delegate* unmanaged[SuppressGCTransition]<byte*, byte*, int> _final;

        private LowLevel(IntPtr init, IntPtr update, IntPtr final)
        {
            _init = (delegate* unmanaged[SuppressGCTransition]<byte*, int>)init;
            _update = (delegate* unmanaged[SuppressGCTransition]<byte*, byte*, nuint, int>)update;
            _final = (delegate* unmanaged[SuppressGCTransition]<byte*, byte*, int>)final;
        }

        public static LowLevel? TryLoad()
        {
            if (!OperatingSystem.IsLinux())
            {
                return null;
            }

            foreach (var name in new[] { "libcrypto.so.3", "libcrypto.so" })
            {
                if (NativeLibrary.TryLoad(name, out var library)
                    && NativeLibrary.TryGetExport(library, "SHA256_Init", out var init)
                    && NativeLibrary.TryGetExport(library, "SHA256_Update", out var update)
                    && NativeLibrary.TryGetExport(library, "SHA256_Final", out var final))
                {
                    var candidate = new LowLevel(init, update, final);
                    return candidate.PassesKnownAnswers() ? candidate : null;
                }
            }

            return null;
        }

        public void Hash(ReadOnlySpan<byte> data, Span<byte> digest)
        {
            var context = stackalloc byte[ContextBytes];
            fixed (byte* input = data)
            fixed (byte* output = digest)
            {
                if (_init(context) != 1 || _update(context, input, (nuint)data.Length) != 1 || _final(output, context) != 1)
                {
                    throw new CryptographicException("OpenSSL SHA256_Init/Update/Final failed");
                }
            }
        }

        /// <summary>The low-level result equals <see cref="SHA256"/>'s for inputs around the one- and two-block boundaries.</summary>
        private bool PassesKnownAnswers()
        {
            Span<byte> mine = stackalloc byte[SHA256.HashSizeInBytes];
            Span<byte> theirs = stackalloc byte[SHA256.HashSizeInBytes];
            var input = new byte[200];
            for (var i = 0; i < input.Length; i++)
            {
                input[i] = (byte)((i * 151) + 7);
            }

            foreach (var length in new[] { 0, 3, 55, 56, 63, 64, 65, 119, 120, 200 })
            {
                Hash(input.AsSpan(0, length), mine);
                SHA256.HashData(input.AsSpan(0, length), theirs);
                if (!mine.SequenceEqual(theirs))
                {
                    return false;
                }
            }

            return true;
        }
    }
}
