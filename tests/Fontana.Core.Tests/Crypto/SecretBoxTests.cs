using Fontana.Core.Crypto;

namespace Fontana.Core.Tests.Crypto;

public class SecretBoxTests
{
    // Zero key and nonce; the same ciphertexts appear in the test suites of two independent libsodium bindings.
    [Theory]
    [InlineData("yay", "5483f80c8b74f180eaefc3049f3e2c03bf5fc2")]
    [InlineData("test", "af99b493f67bfd299fa9207240fba7b3b25bc88b")]
    public void Seal_ZeroKeyAndNonce_MatchesKnownCiphertext(string message, string expectedHex)
    {
        var plaintext = System.Text.Encoding.ASCII.GetBytes(message);
        var ciphertext = new byte[plaintext.Length + SecretBox.MacLength];

        SecretBox.Seal(plaintext, new byte[SecretBox.NonceLength], new byte[SecretBox.KeyLength], ciphertext);

        Convert.ToHexStringLower(ciphertext).ShouldBe(expectedHex);
    }

    [Fact]
    public void TryOpen_RoundTrip_ReturnsPlaintext()
    {
        var (key, nonce) = (Random(SecretBox.KeyLength), Random(SecretBox.NonceLength));
        var plaintext = Random(32);
        var ciphertext = new byte[48];
        SecretBox.Seal(plaintext, nonce, key, ciphertext);
        var opened = new byte[32];

        SecretBox.TryOpen(ciphertext, nonce, key, opened).ShouldBeTrue();

        opened.ShouldBe(plaintext);
    }

    [Fact]
    public void TryOpen_WrongKeyTamperedOrTruncated_ReturnsFalse()
    {
        var (key, nonce) = (Random(SecretBox.KeyLength), Random(SecretBox.NonceLength));
        var ciphertext = new byte[48];
        SecretBox.Seal(Random(32), nonce, key, ciphertext);
        var opened = new byte[32];

        SecretBox.TryOpen(ciphertext, nonce, Random(SecretBox.KeyLength), opened).ShouldBeFalse();
        SecretBox.TryOpen(ciphertext, Random(SecretBox.NonceLength), key, opened).ShouldBeFalse();
        ciphertext[40] ^= 1;
        SecretBox.TryOpen(ciphertext, nonce, key, opened).ShouldBeFalse();
        SecretBox.TryOpen(ciphertext.AsSpan(0, 10), nonce, key, new byte[0]).ShouldBeFalse();
    }

    private static byte[] Random(int length)
    {
        var bytes = new byte[length];
        Ed25519.RandomBytes(bytes);
        return bytes;
    }
}
