using Fontana.Core;
using Fontana.Core.Api;
using Fontana.Core.Blocks;
using Fontana.Core.Encoding;

namespace Fontana.Sdk.Subscriptions;

/// <summary>
/// Light-client checks of a header stream: each header is decoded from its canonical bytes (never from the JSON fields),
/// must be for the trusted chain, signed by the trusted sequencer key and agree with its JSON fields; and it must follow
/// the last verified header (height + 1, previous hash = that header's hash). Not thread-safe: one per stream.
/// </summary>
internal sealed class HeaderChainVerifier(ChainTrust trust, BlockHeader? anchor)
{
    public BlockHeader? Last { get; private set; } = anchor;

    /// <summary>Verifies one header on its own (decoding, chain, signature, fields): what an anchor needs.</summary>
    public static BlockHeader VerifySigned(HeaderDto dto, ChainTrust trust)
    {
        BlockHeader header;
        try
        {
            header = BlockHeaderCodec.Decode(Convert.FromBase64String(dto.Encoded));
        }
        catch (Exception ex) when (ex is FormatException or FontanaFormatException)
        {
            throw Bad($"header {dto.Height} does not decode: {ex.Message}");
        }

        if (header.ChainId != trust.ChainId)
        {
            throw Bad($"header {header.Height} is for chain {header.ChainId}, not {trust.ChainId}");
        }

        if (!header.VerifySignature(trust.SequencerKey))
        {
            throw Bad($"header {header.Height} ({header.Hash}) is not signed by the sequencer key {trust.SequencerKey}");
        }

        if (header.Height != dto.Height
            || !string.Equals(header.Hash.ToString(), dto.Hash, StringComparison.OrdinalIgnoreCase)
            || !string.Equals(header.PreviousHash.ToString(), dto.PreviousHash, StringComparison.OrdinalIgnoreCase))
        {
            throw Bad($"header {dto.Height}: its JSON fields (height {dto.Height}, hash {dto.Hash}, previous {dto.PreviousHash}) disagree with its signed bytes");
        }

        return header;
    }

    /// <summary>Verifies <paramref name="dto"/> and that it follows <see cref="Last"/>; on success it becomes the last.</summary>
    public BlockHeader Accept(HeaderDto dto)
    {
        var header = VerifySigned(dto, trust);
        if (Last is { } last)
        {
            if (header.Height != last.Height + 1)
            {
                throw new SubscriptionException(SubscriptionException.ChainBroken,
                    $"header {header.Height} does not follow header {last.Height} (expected height {last.Height + 1})");
            }

            if (header.PreviousHash != last.Hash)
            {
                throw new SubscriptionException(SubscriptionException.ChainBroken,
                    $"header {header.Height} names {header.PreviousHash} as its parent, but header {last.Height} is {last.Hash}");
            }
        }
        else if (header.Height == 0 && header.PreviousHash != Hash32.Zero)
        {
            throw new SubscriptionException(SubscriptionException.ChainBroken, "header 0 names a parent");
        }

        Last = header;
        return header;
    }

    private static SubscriptionException Bad(string message) => new(SubscriptionException.BadSignature, message);
}
