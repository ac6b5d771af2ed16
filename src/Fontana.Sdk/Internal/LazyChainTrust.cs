using Fontana.Core.Errors;

namespace Fontana.Sdk.Internal;

/// <summary>A <see cref="ChainTrust"/> pinned, or read once from the node's genesis on first need (shared by the
/// receipts and subscriptions of one client). With <paramref name="expectedChainId"/>, a genesis of another chain is
/// refused (<c>network-mismatch</c>) rather than trusted.</summary>
internal sealed class LazyChainTrust(FontanaClient client, ChainTrust? pinned, string? expectedChainId = null)
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
            return _trust ??= Check(await ChainTrust.FromGenesisAsync(client, cancellationToken).ConfigureAwait(false));
        }
        finally
        {
            _lock.Release();
        }
    }

    private ChainTrust Check(ChainTrust read) =>
        expectedChainId is null || read.ChainId == expectedChainId
            ? read
            : throw new FontanaApiException(ErrorCodes.NetworkMismatch, 0,
                $"{ErrorCodes.NetworkMismatch}: the genesis of {client.Transport.Name} is of chain {read.ChainId}, not {expectedChainId}: its receipts and headers are not trusted");
}
