using System.Buffers.Binary;
using Fontana.Core.Blocks;
using Fontana.Core.Encoding;
using Fontana.Core.Tests.Support;
using Fontana.Core.Transactions;

namespace Fontana.Core.Tests.Blocks;

public class BlockCodecTests
{
    private static readonly Transaction[] Transactions = [TestTransactions.Make(), TestTransactions.Make(TransactionKind.Deposit), TestTransactions.Make(TransactionKind.Withdrawal)];

    private static Block MakeBlock(int count) => new(
        new BlockHeader(1, TestTransactions.ChainId, 3, Hash32.Compute("2"u8), 1_700_000_000_000, (uint)count, Hash32.Compute("t"u8), Hash32.Compute("s"u8))
            .Sign(TestKeys.Sequencer),
        Transactions[..count]);

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(3)]
    public void EncodeDecode_RoundTrips(int count)
    {
        var block = MakeBlock(count);
        var bytes = BlockCodec.Encode(block);

        bytes.Length.ShouldBe(BlockCodec.GetEncodedLength(block));
        var decoded = BlockCodec.Decode(bytes);
        decoded.Hash.ShouldBe(block.Hash);
        decoded.Header.VerifySignature(TestKeys.Sequencer.PublicKey).ShouldBeTrue();
        decoded.Transactions.Select(t => t.TxId).ShouldBe(block.Transactions.Select(t => t.TxId));
        BlockCodec.Encode(decoded).ShouldBe(bytes);
    }

    [Fact]
    public void Layout_IsHeaderCountThenLengthPrefixedTransactions()
    {
        var block = MakeBlock(2);
        var bytes = BlockCodec.Encode(block);
        var headerLength = BlockHeaderCodec.GetEncodedLength(block.Header);

        bytes[..headerLength].ShouldBe(BlockHeaderCodec.Encode(block.Header));
        BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(headerLength)).ShouldBe(2u);
        var first = TransactionCodec.Encode(Transactions[0]);
        BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(headerLength + 4)).ShouldBe((uint)first.Length);
        bytes.AsSpan(headerLength + 8, first.Length).ToArray().ShouldBe(first);
    }

    [Fact]
    public void Constructor_CountDifferentFromHeader_Throws()
    {
        var header = MakeBlock(2).Header;
        Should.Throw<ArgumentException>(() => new Block(header, Transactions));
    }

    public static TheoryData<string, string> DecodeErrors() => new()
    {
        { "header-truncated", FormatErrorCode.Truncated },
        { "no-count", FormatErrorCode.Truncated },
        { "count-mismatch", FormatErrorCode.TxCountMismatch },
        { "huge-count", FormatErrorCode.Truncated },
        { "tx-length-zero", FormatErrorCode.BadTxLength },
        { "tx-length-over-16-kib", FormatErrorCode.BadTxLength },
        { "tx-length-past-end", FormatErrorCode.Truncated },
        { "tx-bad-kind", FormatErrorCode.BadKind },
        { "tx-trailing-inside-length", FormatErrorCode.TrailingBytes },
        { "trailing", FormatErrorCode.TrailingBytes },
    };

    [Theory]
    [MemberData(nameof(DecodeErrors))]
    public void Decode_Malformed_ThrowsWithCode(string caseName, string code)
    {
        var block = MakeBlock(2);
        var valid = BlockCodec.Encode(block);
        var h = BlockHeaderCodec.GetEncodedLength(block.Header);
        var firstTx = h + 4;
        var bytes = (byte[])valid.Clone();
        switch (caseName)
        {
            case "header-truncated": bytes = valid[..(h - 1)]; break;
            case "no-count": bytes = valid[..(h + 2)]; break;
            case "count-mismatch": BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(h), 3); break;
            case "huge-count":
                var header = new BlockHeader(1, TestTransactions.ChainId, 3, Hash32.Zero, 0, uint.MaxValue, Hash32.Zero, Hash32.Zero);
                bytes = [.. BlockHeaderCodec.Encode(header), 0xff, 0xff, 0xff, 0xff];
                break;
            case "tx-length-zero": BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(firstTx), 0); break;
            case "tx-length-over-16-kib": BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(firstTx), 16385); break;
            case "tx-length-past-end": BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(firstTx), (uint)(valid.Length - firstTx)); break;
            case "tx-bad-kind": bytes[firstTx + 4 + 2 + TestTransactions.ChainId.Length] = 10; break;
            case "tx-trailing-inside-length":
                var length = BinaryPrimitives.ReadUInt32BigEndian(valid.AsSpan(firstTx));
                bytes = [.. valid[..firstTx], .. BigEndian(length + 1), .. valid[(firstTx + 4)..(firstTx + 4 + (int)length)], 0, .. valid[(firstTx + 4 + (int)length)..]];
                break;
            case "trailing": bytes = [.. valid, 0]; break;
            default: throw new ArgumentOutOfRangeException(nameof(caseName));
        }

        Should.Throw<FontanaFormatException>(() => BlockCodec.Decode(bytes)).Code.ShouldBe(code);
        BlockCodec.TryDecode(bytes, out var decoded, out var error).ShouldBeFalse();
        decoded.ShouldBeNull();
        error!.Code.ShouldBe(code);
    }

    private static byte[] BigEndian(uint value)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, value);
        return bytes;
    }
}
