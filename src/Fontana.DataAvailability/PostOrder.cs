using Fontana.Core;

namespace Fontana.DataAvailability;

/// <summary>
/// The ordering rule every DA layer keeps: blocks are posted in height order; re-posting the last block (same
/// height, same bytes) is idempotent and returns its reference; anything lower is refused, since DA never rolls back.
/// Not thread-safe: callers hold their post lock.
/// </summary>
internal sealed class PostOrder
{
    private (ulong Height, Hash32 Hash, DaReference Reference)? _last;

    /// <summary>The reference of an identical re-post, or null when <paramref name="blockHeight"/> is new;
    /// throws <see cref="DataAvailabilityException"/> (<c>da-out-of-order</c>) for a lower height.</summary>
    public DaReference? Check(ulong blockHeight, Hash32 hash, string layerName)
    {
        if (_last is not { } last)
        {
            return null;
        }

        if (last.Height == blockHeight && last.Hash == hash)
        {
            return last.Reference;
        }

        if (blockHeight <= last.Height)
        {
            throw new DataAvailabilityException(DaErrorCodes.OutOfOrder,
                $"block {blockHeight} posted after block {last.Height}: the {layerName} DA log never rolls back");
        }

        return null;
    }

    public void Record(ulong blockHeight, Hash32 hash, DaReference reference) => _last = (blockHeight, hash, reference);
}
