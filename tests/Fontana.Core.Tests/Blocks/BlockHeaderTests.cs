using Fontana.Core.Blocks;
using Fontana.Core.Encoding;
using Fontana.Core.Tests.Support;

namespace Fontana.Core.Tests.Blocks;

public class BlockHeaderTests
{
    private static BlockHeader Unsigned(ulong height = 5, string chainId = "fontana-test", uint txCount = 0) =>
        new(BlockHeader.CurrentVersion, chainId, height, Hash32.Compute("prev"u8), 1_700_000_000_000, txCount, Hash32.Compute("tx"u8), Hash32.Compute("state"u8));

    [Fact]
    public void Sign_VerifiesWithTheSequencerKeyOnly()
    {
        var header = Unsigned().Sign(TestKeys.Sequencer);

        header.VerifySignature(TestKeys.Sequencer.PublicKey).ShouldBeTrue();
        header.VerifySignature(TestKeys.Alice.PublicKey).ShouldBeFalse();
        Unsigned().VerifySignature(TestKeys.Sequencer.PublicKey).ShouldBeFalse();
    }

    [Fact]
    public void Hash_IsSha256OfTheUnsignedEncodingAndIgnoresTheSignature()
    {
        var unsigned = Unsigned();
        var signed = unsigned.Sign(TestKeys.Sequencer);

        signed.Hash.ShouldBe(unsigned.Hash);
        Hash32.Compute(BlockHeaderCodec.EncodeUnsigned(unsigned)).ShouldBe(unsigned.Hash);
        BlockHeaderCodec.GetEncodedLength(signed).ShouldBe(BlockHeaderCodec.FixedUnsignedLength + "fontana-test".Length + 64);
    }

    [Fact]
    public void EveryField_ChangesTheHashAndBreaksTheSignature()
    {
        var signed = Unsigned().Sign(TestKeys.Sequencer);
        BlockHeader[] variants =
        [
            new(2, signed.ChainId, signed.Height, signed.PreviousHash, signed.Timestamp, signed.TxCount, signed.TxRoot, signed.StateRoot, signed.Signature),
            new(signed.Version, "fontana-other", signed.Height, signed.PreviousHash, signed.Timestamp, signed.TxCount, signed.TxRoot, signed.StateRoot, signed.Signature),
            new(signed.Version, signed.ChainId, signed.Height + 1, signed.PreviousHash, signed.Timestamp, signed.TxCount, signed.TxRoot, signed.StateRoot, signed.Signature),
            new(signed.Version, signed.ChainId, signed.Height, Hash32.Zero, signed.Timestamp, signed.TxCount, signed.TxRoot, signed.StateRoot, signed.Signature),
            new(signed.Version, signed.ChainId, signed.Height, signed.PreviousHash, signed.Timestamp + 1, signed.TxCount, signed.TxRoot, signed.StateRoot, signed.Signature),
            new(signed.Version, signed.ChainId, signed.Height, signed.PreviousHash, signed.Timestamp, signed.TxCount + 1, signed.TxRoot, signed.StateRoot, signed.Signature),
            new(signed.Version, signed.ChainId, signed.Height, signed.PreviousHash, signed.Timestamp, signed.TxCount, Hash32.Zero, signed.StateRoot, signed.Signature),
            new(signed.Version, signed.ChainId, signed.Height, signed.PreviousHash, signed.Timestamp, signed.TxCount, signed.TxRoot, Hash32.Zero, signed.Signature),
        ];

        foreach (var variant in variants)
        {
            variant.Hash.ShouldNotBe(signed.Hash);
            variant.VerifySignature(TestKeys.Sequencer.PublicKey).ShouldBeFalse();
        }
    }

    [Fact]
    public void GetSigningMessage_IsDomainTagChainIdAndHash()
    {
        var header = Unsigned();
        header.GetSigningMessage().ShouldBe([.. "fontana/block/v1"u8.ToArray(), 12, .. "fontana-test"u8.ToArray(), .. header.Hash.ToArray()]);
    }

    public static TheoryData<string, string> DecodeErrors() => new()
    {
        { "empty", FormatErrorCode.Truncated },
        { "short", FormatErrorCode.Truncated },
        { "trailing", FormatErrorCode.TrailingBytes },
        { "too-large", FormatErrorCode.TooLarge },
        { "version-2", FormatErrorCode.BadVersion },
        { "chain-id-empty", FormatErrorCode.BadChainId },
        { "chain-id-33", FormatErrorCode.BadChainId },
        { "chain-id-bad-char", FormatErrorCode.BadChainId },
    };

    [Theory]
    [MemberData(nameof(DecodeErrors))]
    public void Decode_Malformed_ThrowsWithCode(string caseName, string code)
    {
        var valid = BlockHeaderCodec.Encode(Unsigned().Sign(TestKeys.Sequencer));
        var bytes = caseName switch
        {
            "empty" => [],
            "short" => valid[..^1],
            "trailing" => [.. valid, 0],
            "too-large" => new byte[BlockHeaderCodec.MaxEncodedLength + 1],
            "version-2" => [2, .. valid[1..]],
            "chain-id-empty" => [1, 0, .. valid[14..]],
            "chain-id-33" => [1, 33, .. valid[2..]],
            "chain-id-bad-char" => [1, 12, .. "fontana_test"u8.ToArray(), .. valid[14..]],
            _ => throw new ArgumentOutOfRangeException(nameof(caseName)),
        };

        Should.Throw<FontanaFormatException>(() => BlockHeaderCodec.Decode(bytes)).Code.ShouldBe(code);
        BlockHeaderCodec.TryDecode(bytes, out _, out var error).ShouldBeFalse();
        error!.Code.ShouldBe(code);
    }
}
