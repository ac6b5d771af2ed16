using System.Reflection;
using System.Runtime.InteropServices;

namespace Fontana.Core.Crypto;

/// <summary>
/// P/Invoke bindings to libsodium (BRIEF §3). Loaded once; <see cref="EnsureInitialized"/> runs <c>sodium_init</c>
/// and turns a missing library into an error that says what to do. The library comes with the <c>libsodium</c> NuGet
/// package (referenced by this project); a system libsodium is the fallback.
/// </summary>
internal static partial class Sodium
{
    private const string Library = "libsodium";

    private static readonly Lazy<bool> Initialized = new(Initialize, LazyThreadSafetyMode.ExecutionAndPublication);

    static Sodium()
    {
        NativeLibrary.SetDllImportResolver(typeof(Sodium).Assembly, Resolve);
    }

    public const int SeedBytes = 32;
    public const int PublicKeyBytes = 32;
    public const int SecretKeyBytes = 64;
    public const int SignatureBytes = 64;

    /// <summary>Makes sure libsodium is loaded and initialised; throws <see cref="SodiumUnavailableException"/> otherwise.</summary>
    public static void EnsureInitialized() => _ = Initialized.Value;

    private static bool Initialize()
    {
        int rc;
        try
        {
            rc = sodium_init();
        }
        catch (DllNotFoundException ex)
        {
            throw new SodiumUnavailableException(ex);
        }

        // 0 = initialised now, 1 = already initialised; -1 = failure.
        if (rc < 0)
        {
            throw new SodiumUnavailableException(null);
        }

        return true;
    }

    private static IntPtr Resolve(string libraryName, Assembly assembly, DllImportSearchPath? searchPath)
    {
        if (libraryName != Library)
        {
            return IntPtr.Zero;
        }

        // First the copy the libsodium NuGet package puts beside the app (runtimes/<rid>/native, found through the
        // app's deps.json), so no system package is needed; then a system library, for runtimes the package lacks.
        foreach (var candidate in new[] { "libsodium", "libsodium.so.23", "libsodium.so", "libsodium.23.dylib", "libsodium.dylib" })
        {
            if (NativeLibrary.TryLoad(candidate, assembly, searchPath, out var handle))
            {
                return handle;
            }
        }

        return IntPtr.Zero;
    }

    [LibraryImport(Library)]
    private static partial int sodium_init();

    [LibraryImport(Library)]
    internal static partial int crypto_sign_seed_keypair(Span<byte> pk, Span<byte> sk, ReadOnlySpan<byte> seed);

    [LibraryImport(Library)]
    internal static partial int crypto_sign_detached(Span<byte> sig, out ulong siglen, ReadOnlySpan<byte> m, ulong mlen, ReadOnlySpan<byte> sk);

    [LibraryImport(Library)]
    internal static partial int crypto_sign_verify_detached(ReadOnlySpan<byte> sig, ReadOnlySpan<byte> m, ulong mlen, ReadOnlySpan<byte> pk);

    [LibraryImport(Library)]
    internal static partial void randombytes_buf(Span<byte> buf, nuint size);

    [LibraryImport(Library)]
    internal static partial void sodium_memzero(Span<byte> pnt, nuint len);

    // Argon2id key derivation and XSalsa20-Poly1305 secretbox, for passphrase-protected wallet files.
    internal const int PwHashSaltBytes = 16;
    internal const int PwHashAlgArgon2Id13 = 2;
    internal const ulong PwHashOpsLimitModerate = 3;
    internal const nuint PwHashMemLimitModerate = 268435456;
    internal const int SecretBoxKeyBytes = 32;
    internal const int SecretBoxNonceBytes = 24;
    internal const int SecretBoxMacBytes = 16;

    [LibraryImport(Library)]
    internal static partial int crypto_pwhash(
        Span<byte> @out, ulong outlen, ReadOnlySpan<byte> passwd, ulong passwdlen, ReadOnlySpan<byte> salt, ulong opslimit, nuint memlimit, int alg);

    [LibraryImport(Library)]
    internal static partial int crypto_secretbox_easy(Span<byte> c, ReadOnlySpan<byte> m, ulong mlen, ReadOnlySpan<byte> n, ReadOnlySpan<byte> k);

    [LibraryImport(Library)]
    internal static partial int crypto_secretbox_open_easy(Span<byte> m, ReadOnlySpan<byte> c, ulong clen, ReadOnlySpan<byte> n, ReadOnlySpan<byte> k);
}
