using System.Security.Cryptography;
using Fontana.Core.Crypto;

namespace Fontana.Core.Tests.Crypto;

/// <summary>The short-input SHA-256 path (OpenSSL's low-level calls on Linux) gives FIPS 180-2 answers and agrees with .NET's SHA-256 at every length.</summary>
public class Sha256Tests
{
    [Theory]
    [InlineData("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")]
    [InlineData("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")]
    [InlineData("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")]
    public void Hash_Fips180Vector_GivesTheKnownDigest(string message, string expected)
    {
        Span<byte> digest = stackalloc byte[32];

        Sha256.Hash(System.Text.Encoding.ASCII.GetBytes(message), digest);

        Convert.ToHexStringLower(digest).ShouldBe(expected);
    }

    [Fact]
    public void Hash_EveryLengthUpToThreeBlocksAndPastTheShortLimit_SameAsDotNet()
    {
        var data = new byte[5000];
        new Random(17).NextBytes(data);
        Span<byte> mine = stackalloc byte[32];
        foreach (var length in Enumerable.Range(0, 200).Concat([4095, 4096, 4097, 5000]))
        {
            Sha256.Hash(data.AsSpan(0, length), mine);
            Convert.ToHexString(mine).ShouldBe(Convert.ToHexString(SHA256.HashData(data.AsSpan(0, length))), $"length {length}");
        }
    }

    [Fact]
    public void UsesLowLevel_OnLinux_TheFastPathIsTheOneTested()
    {
        Sha256.UsesLowLevel.ShouldBe(OperatingSystem.IsLinux() && (File.Exists("/usr/lib/x86_64-linux-gnu/libcrypto.so.3") || File.Exists("/usr/lib/aarch64-linux-gnu/libcrypto.so.3")));
    }
}
