using Fontana.Core;

namespace Fontana.DataAvailability;

/// <summary>A block read back from a DA layer: its Fontana height, its bytes (hash already verified) and where it was found.</summary>
public sealed record DaBlock(ulong FontanaHeight, ReadOnlyMemory<byte> Bytes, DaReference Reference)
{
    /// <summary>SHA-256 of <see cref="Bytes"/>.</summary>
    public Hash32 Hash => Hash32.Compute(Bytes.Span);
}
