using System.Buffers.Binary;
using Fontana.Core.Blocks;
using Fontana.Core.Encoding;
using Fontana.Ledger.Genesis;

namespace Fontana.Node.Chain;

/// <summary>
/// What the node posts to DA for a block (docs/node.md, "DA payload"). Blocks 1… are their canonical encoding
/// (<see cref="BlockCodec"/>). Block 0 also carries the genesis, so a store can be rebuilt from DA alone:
/// <c>"FNTG" ‖ u32 big-endian length of the block ‖ block 0 (BlockCodec) ‖ genesis canonical bytes</c>.
/// </summary>
public static class DaPayload
{
    private static ReadOnlySpan<byte> GenesisMagic => "FNTG"u8;

    /// <summary>The payload of <paramref name="block"/>; <paramref name="genesis"/> is required for block 0.</summary>
    public static byte[] Encode(Block block, GenesisDocument? genesis)
    {
        ArgumentNullException.ThrowIfNull(block);
        var blockBytes = BlockCodec.Encode(block);
        if (block.Height != 0)
        {
            return blockBytes;
        }

        ArgumentNullException.ThrowIfNull(genesis);
        var genesisBytes = genesis.ToCanonicalBytes();
        var payload = new byte[GenesisMagic.Length + 4 + blockBytes.Length + genesisBytes.Length];
        GenesisMagic.CopyTo(payload);
        BinaryPrimitives.WriteUInt32BigEndian(payload.AsSpan(4), (uint)blockBytes.Length);
        blockBytes.CopyTo(payload.AsSpan(8));
        genesisBytes.CopyTo(payload.AsSpan(8 + blockBytes.Length));
        return payload;
    }

    /// <summary>Decodes a payload; the genesis is non-null exactly for block 0. Throws <see cref="FontanaFormatException"/>
    /// (or the genesis decoder's exception) for damaged bytes.</summary>
    public static (Block Block, GenesisDocument? Genesis) Decode(ReadOnlySpan<byte> payload)
    {
        if (!payload.StartsWith(GenesisMagic))
        {
            var block = BlockCodec.Decode(payload);
            if (block.Height == 0)
            {
                throw new FontanaFormatException(FormatErrorCode.Malformed, "block 0 on DA without its genesis");
            }

            return (block, null);
        }

        if (payload.Length < 8)
        {
            throw new FontanaFormatException(FormatErrorCode.Truncated, "genesis payload shorter than its header");
        }

        var blockLength = BinaryPrimitives.ReadUInt32BigEndian(payload[4..]);
        if (blockLength > (uint)(payload.Length - 8))
        {
            throw new FontanaFormatException(FormatErrorCode.Truncated, "genesis payload shorter than its block");
        }

        var genesisBlock = BlockCodec.Decode(payload.Slice(8, (int)blockLength));
        if (genesisBlock.Height != 0)
        {
            throw new FontanaFormatException(FormatErrorCode.Malformed, $"genesis payload holds block {genesisBlock.Height}, not block 0");
        }

        var genesis = GenesisDocument.FromCanonicalBytes(payload[(8 + (int)blockLength)..]);
        return (genesisBlock, genesis);
    }
}
