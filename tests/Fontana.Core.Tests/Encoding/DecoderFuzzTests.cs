using Fontana.Core.Blocks;
using Fontana.Core.Encoding;
using Fontana.Core.Tests.Support;
using Fontana.Core.Transactions;

namespace Fontana.Core.Tests.Encoding;

/// <summary>
/// Random, truncated and mutated bytes into every decoder: each either decodes or throws FontanaFormatException —
/// never anything else — and TryDecode agrees without throwing.
/// </summary>
public class DecoderFuzzTests
{
    private delegate object DecodeFn(ReadOnlySpan<byte> data);

    private delegate bool TryDecodeFn(ReadOnlySpan<byte> data);

    public static TheoryData<string> Decoders() => ["transaction", "block-header", "block"];

    [Theory]
    [MemberData(nameof(Decoders))]
    public void Decode_RandomBytes_OnlyFormatExceptions(string decoder)
    {
        var rng = new Random(20240601);
        for (var i = 0; i < 20_000; i++)
        {
            var bytes = new byte[rng.Next(0, 700)];
            rng.NextBytes(bytes);
            if (rng.Next(2) == 0 && bytes.Length > 2)
            {
                bytes[0] = 1; // get past the version byte more often
                bytes[1] = (byte)rng.Next(1, 33);
            }

            Check(decoder, bytes);
        }
    }

    [Theory]
    [MemberData(nameof(Decoders))]
    public void Decode_EveryPrefixOfValidEncodings_OnlyFormatExceptions(string decoder)
    {
        foreach (var valid in Samples(decoder))
        {
            Check(decoder, valid).ShouldBeTrue();
            for (var length = 0; length < valid.Length; length++)
            {
                Check(decoder, valid[..length]).ShouldBeFalse($"a {length}-byte prefix of a {valid.Length}-byte encoding decoded");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Decoders))]
    public void Decode_ValidEncodingsWithOneByteChanged_OnlyFormatExceptions(string decoder)
    {
        byte[] replacements = [0x00, 0x01, 0x02, 0x20, 0x7f, 0x80, 0xfe, 0xff];
        foreach (var valid in Samples(decoder))
        {
            for (var position = 0; position < valid.Length; position++)
            {
                foreach (var value in replacements.Append((byte)(valid[position] ^ 0x01)).Append((byte)(valid[position] + 1)))
                {
                    var mutated = (byte[])valid.Clone();
                    mutated[position] = value;
                    Check(decoder, mutated);
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Decoders))]
    public void Decode_SplicedEncodings_OnlyFormatExceptions(string decoder)
    {
        var rng = new Random(7);
        var samples = Samples(decoder).ToArray();
        for (var i = 0; i < 5_000; i++)
        {
            var a = samples[rng.Next(samples.Length)];
            var b = samples[rng.Next(samples.Length)];
            var cut = rng.Next(a.Length);
            var spliced = a[..cut].Concat(b[rng.Next(b.Length)..]).ToArray();
            Check(decoder, spliced);
        }
    }

    /// <summary>Returns true when the bytes decoded.</summary>
    private static bool Check(string decoder, byte[] bytes)
    {
        var (decode, tryDecode) = Pick(decoder);
        bool decoded;
        try
        {
            decode(bytes);
            decoded = true;
        }
        catch (FontanaFormatException ex)
        {
            ex.Code.ShouldNotBeNullOrEmpty();
            decoded = false;
        }
        catch (Exception ex)
        {
            throw new Xunit.Sdk.XunitException($"{decoder} threw {ex.GetType().Name} for {Convert.ToHexStringLower(bytes)}: {ex}");
        }

        tryDecode(bytes).ShouldBe(decoded);
        return decoded;
    }

    private static (DecodeFn Decode, TryDecodeFn TryDecode) Pick(string decoder) => decoder switch
    {
        "transaction" => (d => TransactionCodec.Decode(d), d => TransactionCodec.TryDecode(d, out _)),
        "block-header" => (d => BlockHeaderCodec.Decode(d), d => BlockHeaderCodec.TryDecode(d, out _)),
        "block" => (d => BlockCodec.Decode(d), d => BlockCodec.TryDecode(d, out _)),
        _ => throw new ArgumentOutOfRangeException(nameof(decoder)),
    };

    private static IEnumerable<byte[]> Samples(string decoder)
    {
        Transaction[] transactions =
        [
            TestTransactions.Make(),
            TestTransactions.Make(TransactionKind.Withdrawal, outputs: TestTransactions.Outputs(2), memo: [1, 2, 3]),
            TestTransactions.Make(TransactionKind.Deposit),
            TestTransactions.Make(TransactionKind.WithdrawalConfirmation, expiry: 99),
        ];
        var header = new BlockHeader(1, "c", 1, Hash32.Compute("p"u8), 5, 2, Hash32.Compute("t"u8), Hash32.Compute("s"u8)).Sign(TestKeys.Sequencer);
        var empty = new BlockHeader(1, TestTransactions.ChainId, 0, Hash32.Zero, 0, 0, Hash32.Zero, Hash32.Zero);
        return decoder switch
        {
            "transaction" => transactions.Select(TransactionCodec.Encode),
            "block-header" => [BlockHeaderCodec.Encode(header), BlockHeaderCodec.Encode(empty)],
            _ => [BlockCodec.Encode(new Block(header, transactions[..2])), BlockCodec.Encode(new Block(empty, []))],
        };
    }
}
