namespace Fontana.Sdk.Internal;

/// <summary>A <see cref="ChainTrust"/> pinned by the caller, or read once from the node's genesis on first need (one
/// read even when many callers ask at once). Shared by <see cref="Receipts.FontanaReceipts"/> and
/// <see cref="Subscriptions.FontanaSubscriptions"/>.</summary>
internal sealed class LazyChainTrust(FontanaClient client, ChainTrust? pinned)
{
    private readonly SemaphoreSlim _lock = new(1, 1);
    private ChainTrust? _trust = pinned;

    public async Task<ChainTrust> GetAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _trust) is { } known)
        {
            return known;
        }

        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return _trust ??= await ChainTrust.FromGenesisAsync(client, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _lock.Release();
        }
    }
}
