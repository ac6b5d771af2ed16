using System.Buffers.Binary;
using Fontana.Core;
using Fontana.Core.Crypto;

namespace Fontana.Ledger.Genesis;

/// <summary>
/// The canonical genesis encoding (docs/genesis.md): domain tag, chain id, timestamp, keys, fee address, min fee,
/// block interval, allocations; integers big-endian.
/// </summary>
internal static class GenesisCodec
{
    private static ReadOnlySpan<byte> Tag => "fontana/genesis/v1"u8;

    private const int AllocationLength = PublicKey.Length + 8;

    public static byte[] Encode(GenesisDocument g)
    {
        var chainId = System.Text.Encoding.UTF8.GetBytes(g.ChainId);
        var length = Tag.Length + 1 + chainId.Length + 8 + (3 * PublicKey.Length) + 8 + 8 + 4 + (g.Allocations.Count * AllocationLength);
        var buffer = new byte[length];
        var span = buffer.AsSpan();
        Tag.CopyTo(span);
        var at = Tag.Length;
        span[at++] = (byte)chainId.Length;
        chainId.CopyTo(span[at..]);
        at += chainId.Length;
        BinaryPrimitives.WriteInt64BigEndian(span[at..], g.Timestamp.ToUnixTimeMilliseconds());
        at += 8;
        g.SequencerPublicKey.CopyTo(span[at..]);
        at += PublicKey.Length;
        g.BridgeAuthorityPublicKey.CopyTo(span[at..]);
        at += PublicKey.Length;
        g.FeeAddress.PublicKey.CopyTo(span[at..]);
        at += PublicKey.Length;
        BinaryPrimitives.WriteUInt64BigEndian(span[at..], g.MinFee.Utia);
        at += 8;
        BinaryPrimitives.WriteUInt64BigEndian(span[at..], (ulong)(g.BlockInterval.Ticks / TimeSpan.TicksPerMillisecond));
        at += 8;
        BinaryPrimitives.WriteUInt32BigEndian(span[at..], (uint)g.Allocations.Count);
        at += 4;
        foreach (var allocation in g.Allocations)
        {
            allocation.Address.PublicKey.CopyTo(span[at..]);
            at += PublicKey.Length;
            BinaryPrimitives.WriteUInt64BigEndian(span[at..], allocation.Amount.Utia);
            at += 8;
        }

        return buffer;
    }

    public static GenesisDocument Decode(ReadOnlySpan<byte> bytes)
    {
        var reader = new Reader(bytes);
        if (!reader.Take(Tag.Length).SequenceEqual(Tag))
        {
            throw Malformed("does not start with the tag \"fontana/genesis/v1\"");
        }

        var chainIdLength = reader.Take(1)[0];
        string chainId;
        try
        {
            chainId = new System.Text.UTF8Encoding(false, true).GetString(reader.Take(chainIdLength));
        }
        catch (ArgumentException)
        {
            throw Malformed("has a chain id that is not UTF-8");
        }

        var timestampMs = BinaryPrimitives.ReadInt64BigEndian(reader.Take(8));
        var sequencer = PublicKey.FromBytes(reader.Take(PublicKey.Length));
        var bridge = PublicKey.FromBytes(reader.Take(PublicKey.Length));
        var fee = new Address(PublicKey.FromBytes(reader.Take(PublicKey.Length)));
        var minFee = Amount.FromUtia(BinaryPrimitives.ReadUInt64BigEndian(reader.Take(8)));
        var intervalMs = BinaryPrimitives.ReadUInt64BigEndian(reader.Take(8));
        var count = BinaryPrimitives.ReadUInt32BigEndian(reader.Take(4));
        if (count > GenesisDocument.MaxAllocations || (ulong)count * AllocationLength != (ulong)reader.Remaining)
        {
            throw Malformed($"declares {count} allocations but holds {reader.Remaining} bytes of them");
        }

        if (timestampMs < 0 || intervalMs == 0 || intervalMs > 3_600_000)
        {
            throw Malformed("has a timestamp or block interval out of range");
        }

        var allocations = new GenesisAllocation[count];
        for (var i = 0; i < allocations.Length; i++)
        {
            var owner = new Address(PublicKey.FromBytes(reader.Take(PublicKey.Length)));
            allocations[i] = new GenesisAllocation(owner, Amount.FromUtia(BinaryPrimitives.ReadUInt64BigEndian(reader.Take(8))));
        }

        var document = new GenesisDocument(
            chainId,
            DateTimeOffset.FromUnixTimeMilliseconds(timestampMs),
            sequencer,
            bridge,
            fee,
            minFee,
            TimeSpan.FromMilliseconds(intervalMs),
            allocations);
        if (!document.ToCanonicalBytes().AsSpan().SequenceEqual(bytes))
        {
            throw Malformed("is not in canonical form");
        }

        return document;
    }

    private static LedgerException Malformed(string reason) =>
        new(LedgerErrorCodes.InvalidGenesis, "genesis bytes " + reason);

    private ref struct Reader(ReadOnlySpan<byte> bytes)
    {
        private readonly ReadOnlySpan<byte> _bytes = bytes;
        private int _at;

        public readonly int Remaining => _bytes.Length - _at;

        public ReadOnlySpan<byte> Take(int count)
        {
            if (count > Remaining)
            {
                throw Malformed($"end after {_at} bytes; expected {count} more");
            }

            var slice = _bytes.Slice(_at, count);
            _at += count;
            return slice;
        }
    }
}
