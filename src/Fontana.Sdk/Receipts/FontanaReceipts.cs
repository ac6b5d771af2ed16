using Fontana.Core;
using Fontana.Core.Api;
using Fontana.Core.Blocks;
using Fontana.Sdk.Internal;

namespace Fontana.Sdk.Receipts;

/// <summary>
/// Receipts of one network: get a transaction's receipt from a node, verify receipts offline against the chain's
/// <see cref="ChainTrust"/> (pinned, or read once from the node's genesis), and wait for a transaction's final receipt
/// (block header + inclusion proof), verified before it is returned. A thin layer over <see cref="FontanaClient"/> and
/// <see cref="ReceiptVerifier"/>.
/// </summary>
public sealed class FontanaReceipts
{
    private readonly FontanaClient _client;
    private readonly LazyChainTrust _trust;

    /// <summary>Receipts read through <paramref name="client"/>, checked against <paramref name="trust"/> (or the
    /// node's genesis, read on first need, when null).</summary>
    public FontanaReceipts(FontanaClient client, ChainTrust? trust = null)
    {
        _client = client ?? throw new ArgumentNullException(nameof(client));
        _trust = new LazyChainTrust(_client, trust);
    }

    internal FontanaReceipts(FontanaClient client, LazyChainTrust trust)
    {
        _client = client;
        _trust = trust;
    }

    /// <summary>The chain id and sequencer key receipts are checked against (read from the node's genesis on first call
    /// when not pinned).</summary>
    public Task<ChainTrust> GetTrustAsync(CancellationToken cancellationToken = default) => _trust.GetAsync(cancellationToken);

    /// <summary><c>GET /v1/transactions/{txid}</c>: status, provisional receipt, and the final receipt once sealed — as the
    /// node says it, not verified (see <see cref="GetVerifiedFinalAsync"/>). Unknown txid: <see cref="FontanaNotFoundException"/>.</summary>
    public Task<TransactionStatusDto> GetAsync(Hash32 txId, CancellationToken cancellationToken = default) =>
        _client.GetTransactionAsync(txId, cancellationToken);

    /// <summary>The final receipt of <paramref name="txId"/>, verified offline; null while the transaction is not sealed.</summary>
    /// <exception cref="ReceiptVerificationException">The node's receipt does not verify (<c>bad-receipt-signature</c>,
    /// <c>bad-header</c>, <c>bad-tx-proof</c>).</exception>
    public async Task<FinalReceiptDto?> GetVerifiedFinalAsync(Hash32 txId, CancellationToken cancellationToken = default)
    {
        var final = await _client.GetFinalReceiptAsync(txId, cancellationToken).ConfigureAwait(false);
        if (final is null)
        {
            return null;
        }

        var trust = await GetTrustAsync(cancellationToken).ConfigureAwait(false);
        ReceiptVerifier.VerifyFinal(final, txId, trust.ChainId, trust.SequencerKey);
        return final;
    }

    /// <summary>True when <paramref name="receipt"/> (a provisional receipt) is signed by the chain's sequencer. Offline
    /// once the trust is known; never throws on a malformed receipt.</summary>
    public async Task<bool> VerifyAsync(ReceiptDto receipt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(receipt);
        var trust = await GetTrustAsync(cancellationToken).ConfigureAwait(false);
        return ReceiptVerifier.VerifyProvisional(receipt, trust.ChainId, trust.SequencerKey);
    }

    /// <summary>Verifies a final receipt of <paramref name="txId"/> offline (signature, header, inclusion proof) and
    /// returns its verified block header.</summary>
    /// <exception cref="ReceiptVerificationException"><c>bad-receipt-signature</c>, <c>bad-header</c> or <c>bad-tx-proof</c>.</exception>
    public async Task<BlockHeader> VerifyAsync(FinalReceiptDto final, Hash32 txId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(final);
        var trust = await GetTrustAsync(cancellationToken).ConfigureAwait(false);
        return ReceiptVerifier.VerifyFinal(final, txId, trust.ChainId, trust.SequencerKey);
    }

    /// <summary>
    /// Waits until <paramref name="txId"/> is sealed in a block and returns its final receipt, verified. Listens to the
    /// node's stream for the transaction's status (no polling; a dropped stream resumes), then reads and verifies the
    /// receipt. Cancel with <paramref name="cancellationToken"/>; gives up with <see cref="TimeoutException"/> after
    /// <paramref name="timeout"/>.
    /// </summary>
    /// <exception cref="ReceiptVerificationException">The final receipt does not verify.</exception>
    public async Task<FinalReceiptDto> WaitForFinalAsync(Hash32 txId, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            var subscription = new StreamRequestDto("subscribe", "tx", TxId: txId.ToString());
            await foreach (var message in _client.Transport.StreamAsync(subscription, deadline.Token).ConfigureAwait(false))
            {
                // The subscription is confirmed before the node sends the current status: a transaction sealed before
                // we subscribed is caught too; read the node once on confirmation in case it is unknown to the stream.
                var sealedNow = message.Type == "tx" && message.Status is "sealed" or "posted";
                if ((sealedNow || message.Type == "subscribed")
                    && await TryGetFinalAsync(txId, deadline.Token).ConfigureAwait(false) is { } final)
                {
                    return final;
                }
            }

            throw new TimeoutException($"the stream of {_client.Transport.Name} ended before {txId} was sealed");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"transaction {txId} was not sealed in a block within {timeout.TotalSeconds:0.###} s");
        }
    }

    private async Task<FinalReceiptDto?> TryGetFinalAsync(Hash32 txId, CancellationToken cancellationToken)
    {
        try
        {
            return await GetVerifiedFinalAsync(txId, cancellationToken).ConfigureAwait(false);
        }
        catch (FontanaNotFoundException)
        {
            return null;
        }
    }
}
