using Fontana.Core;

namespace Fontana.DataAvailability.Envelope;

/// <summary>One decoded DA envelope: a chunk of the block at Fontana height <see cref="BlockHeight"/>.</summary>
internal readonly record struct DaEnvelopeChunk(
    ulong BlockHeight, ushort Index, ushort Count, uint TotalLength, Hash32 BlockHash, ReadOnlyMemory<byte> Payload)
{
    /// <summary>What identifies the block the chunk belongs to.</summary>
    public DaBlockKey Key => new(BlockHeight, BlockHash, Count, TotalLength);
}

/// <summary>The identity of an envelope's block: chunks with equal keys belong together.</summary>
internal readonly record struct DaBlockKey(ulong BlockHeight, Hash32 BlockHash, ushort Count, uint TotalLength);
