using System.Buffers.Binary;

namespace Fontana.Core.Tests.Support;

/// <summary>
/// Hand-assembles transaction bytes field by field (docs/protocol.md §2), with no checks, so that decoder tests can
/// put any value in any length or count field.
/// </summary>
internal sealed class RawTransaction
{
    public byte Version { get; set; } = 1;

    public byte[] ChainId { get; set; } = "fontana-test"u8.ToArray();

    public int? ChainIdLength { get; set; }

    public byte Kind { get; set; } = 1;

    public int InputCount { get; set; } = 1;

    public int? InputsWritten { get; set; }

    public int OutputCount { get; set; } = 1;

    public int? OutputsWritten { get; set; }

    public ulong Fee { get; set; } = 10;

    public byte[] Memo { get; set; } = [];

    public int? MemoLength { get; set; }

    public ulong Expiry { get; set; }

    public byte[] ExternalRef { get; set; } = [];

    public int? ExternalRefLength { get; set; }

    public byte[] Signer { get; set; } = TestKeys.Alice.PublicKey.ToArray();

    public int SignatureLength { get; set; } = 64;

    public byte[] Trailing { get; set; } = [];

    public byte[] ToBytes()
    {
        var bytes = new List<byte> { Version, (byte)(ChainIdLength ?? ChainId.Length) };
        bytes.AddRange(ChainId);
        bytes.Add(Kind);
        AddU16(bytes, InputCount);
        for (var i = 0; i < (InputsWritten ?? InputCount); i++)
        {
            bytes.AddRange(Hash32.Compute([(byte)i]).ToArray());
            AddU16(bytes, i);
        }

        AddU16(bytes, OutputCount);
        for (var i = 0; i < (OutputsWritten ?? OutputCount); i++)
        {
            bytes.AddRange(TestKeys.Bob.PublicKey.ToArray());
            AddU64(bytes, 1000 + (ulong)i);
        }

        AddU64(bytes, Fee);
        bytes.Add((byte)(MemoLength ?? Memo.Length));
        bytes.AddRange(Memo);
        AddU64(bytes, Expiry);
        bytes.Add((byte)(ExternalRefLength ?? ExternalRef.Length));
        bytes.AddRange(ExternalRef);
        bytes.AddRange(Signer);
        bytes.AddRange(new byte[SignatureLength]);
        bytes.AddRange(Trailing);
        return [.. bytes];
    }

    private static void AddU16(List<byte> bytes, int value)
    {
        Span<byte> buffer = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(buffer, (ushort)value);
        bytes.AddRange(buffer.ToArray());
    }

    private static void AddU64(List<byte> bytes, ulong value)
    {
        Span<byte> buffer = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64BigEndian(buffer, value);
        bytes.AddRange(buffer.ToArray());
    }
}
