using Fontana.Core;

namespace Fontana.DataAvailability;

/// <summary>
/// A data-availability layer that sealed blocks are posted to and read back from (docs/data-availability.md).
/// The block bytes are opaque here: the ledger's block codec produces and verifies them.
/// </summary>
public interface IDataAvailability
{
    /// <summary><c>"local"</c> or <c>"celestia"</c>: the <see cref="DaReference.Layer"/> of the references this layer returns.</summary>
    string Layer { get; }

    /// <summary>
    /// Posts one block and returns once it is durable on the layer (fsynced; included in a Celestia block).
    /// Blocks must be posted in increasing <paramref name="blockHeight"/> order; posting the last block again with the
    /// same bytes returns the same reference (an ambiguous failure can be retried), a lower height throws
    /// <c>da-out-of-order</c>. Failures throw <see cref="DataAvailabilityException"/>; retrying is the caller's concern
    /// (<see cref="DaRetryPolicy"/>).
    /// </summary>
    Task<DaReference> PostAsync(ulong blockHeight, ReadOnlyMemory<byte> blockBytes, CancellationToken cancellationToken = default);

    /// <summary>The block bytes behind <paramref name="reference"/> (hash verified), or null when the layer does not hold it.</summary>
    Task<byte[]?> GetAsync(DaReference reference, CancellationToken cancellationToken = default);

    /// <summary>
    /// Scans the layer in DA order from DA height <paramref name="fromDaHeight"/> (Celestia block height, or local record
    /// sequence number starting at 1) up to <paramref name="toDaHeight"/> inclusive, or when null up to the layer's head
    /// (re-read when reached, so blocks posted during the scan are included). Yields every complete, hash-verified block
    /// once, in the order it became complete; a re-posted block (same height and bytes) is yielded once.
    /// Blocks posted by one poster therefore come in increasing Fontana height. On Celestia anyone can write to the
    /// namespace: callers must verify what they get (sequencer signature, previous hash), as recovery does.
    /// </summary>
    IAsyncEnumerable<DaBlock> ReadFromAsync(ulong fromDaHeight, ulong? toDaHeight = null, CancellationToken cancellationToken = default);

    /// <summary>The layer's current head DA height (Celestia network head; number of local records).</summary>
    Task<ulong> GetHeadAsync(CancellationToken cancellationToken = default);
}
