namespace Fontana.Core.Encoding;

/// <summary>
/// Builds the messages Fontana signs: ASCII domain tag ‖ u8 len(chainId) ‖ chainId ‖ payload.
/// The tag separates transactions, block headers and receipts; the chain id stops cross-chain replay.
/// </summary>
internal static class SigningMessage
{
    /// <summary>Room for the longest tag, a 32-byte chain id and a 48-byte payload.</summary>
    public const int MaxLength = 32 + 1 + ChainIdFormat.MaxLength + 64;

    /// <summary>Writes tag ‖ len ‖ chainId into <paramref name="destination"/>; returns the bytes written.</summary>
    public static int WritePrefix(ReadOnlySpan<byte> domainTag, string chainId, Span<byte> destination)
    {
        var writer = new ByteWriter(destination);
        writer.WriteBytes(domainTag);
        writer.WriteAsciiWithLength(chainId);
        return writer.Position;
    }
}
