using Fontana.Core.Crypto;

namespace Fontana.Core.Tests.Support;

/// <summary>Fixed keys (seeds 00..1f, 20..3f, 40..5f, 60..7f) shared with Vectors/codec-vectors.json.</summary>
internal static class TestKeys
{
    public static PrivateKey Alice { get; } = PrivateKey.FromSeed(Seed(0x00));

    public static PrivateKey Bob { get; } = PrivateKey.FromSeed(Seed(0x20));

    public static PrivateKey Bridge { get; } = PrivateKey.FromSeed(Seed(0x40));

    public static PrivateKey Sequencer { get; } = PrivateKey.FromSeed(Seed(0x60));

    public static Address AliceAddress => new(Alice.PublicKey);

    public static Address BobAddress => new(Bob.PublicKey);

    public static byte[] Seed(int first)
    {
        var seed = new byte[32];
        for (var i = 0; i < seed.Length; i++)
        {
            seed[i] = (byte)(first + i);
        }

        return seed;
    }
}
