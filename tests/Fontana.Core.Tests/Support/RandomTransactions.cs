using Fontana.Core.Crypto;
using Fontana.Core.Encoding;
using Fontana.Core.Transactions;

namespace Fontana.Core.Tests.Support;

/// <summary>Random transactions within every format limit (not necessarily valid under the kind rules).</summary>
internal static class RandomTransactions
{
    private static readonly PrivateKey[] Keys = [TestKeys.Alice, TestKeys.Bob, TestKeys.Bridge];

    public static Transaction Create(int seed)
    {
        var rng = new Random(seed);
        var chainChars = "abcdefghijklmnopqrstuvwxyz0123456789-";
        var chainId = new string([.. Enumerable.Range(0, rng.Next(1, ChainIdFormat.MaxLength + 1)).Select(_ => chainChars[rng.Next(chainChars.Length)])]);

        // Keep the encoding under 16 KiB: at most ~100 inputs and ~100 outputs here; the limits are tested separately.
        var inputs = new OutPoint[SmallCount(rng, 100)];
        for (var i = 0; i < inputs.Length; i++)
        {
            inputs[i] = new OutPoint(Hash32.FromBytes(Bytes(rng, 32)), (ushort)rng.Next(0, 65536));
        }

        var outputs = new TxOutput[SmallCount(rng, 100)];
        for (var i = 0; i < outputs.Length; i++)
        {
            outputs[i] = new TxOutput(new Address(PublicKey.FromBytes(Bytes(rng, 32))), Amount.FromUtia(U64(rng)));
        }

        var externalRef = rng.Next(4) switch
        {
            0 => string.Empty,
            1 => "l1:" + Convert.ToHexStringLower(Bytes(rng, rng.Next(0, 60))),
            2 => "ünïcødé-€-" + rng.Next(),
            _ => new string('x', TransactionCodec.MaxExternalRefLength),
        };
        var key = Keys[rng.Next(Keys.Length)];
        return new Transaction(
            Transaction.CurrentVersion,
            chainId,
            (TransactionKind)rng.Next(1, 5),
            inputs,
            outputs,
            Amount.FromUtia(U64(rng)),
            Bytes(rng, rng.Next(0, TransactionCodec.MaxMemoLength + 1)),
            rng.Next(3) == 0 ? 0 : U64(rng),
            externalRef,
            key.PublicKey,
            default).Sign(key);
    }

    private static int SmallCount(Random rng, int max) => rng.Next(4) switch
    {
        0 => 0,
        1 => 1,
        2 => rng.Next(2, 6),
        _ => rng.Next(0, max + 1),
    };

    private static ulong U64(Random rng) => rng.Next(3) switch
    {
        0 => (ulong)rng.Next(0, 1000),
        1 => ulong.MaxValue - (ulong)rng.Next(0, 1000),
        _ => (ulong)rng.NextInt64() ^ ((ulong)rng.Next() << 40),
    };

    private static byte[] Bytes(Random rng, int count)
    {
        var bytes = new byte[count];
        rng.NextBytes(bytes);
        return bytes;
    }
}
