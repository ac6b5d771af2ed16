using Fontana.Core;
using Fontana.Core.Api;
using Fontana.Core.Blocks;
using Fontana.Sdk.Receipts;

namespace Fontana.Sdk.Networks;

/// <summary>
/// <c>client.Receipts</c>: receipts on each network of a <see cref="FontanaNetworkClient"/> — get a transaction's
/// receipt, verify receipts offline, wait for a final receipt — checked against that network's chain id and sequencer
/// key (<see cref="FontanaNetworkOptions.SequencerPublicKey"/>, or the genesis of a node serving the chain). Every
/// method takes the network's id (<c>fontana:&lt;chainId&gt;</c>) or configuration name, or uses the default network
/// when it is null; an unknown network throws <see cref="FontanaPaymentException"/> <c>unknown-network</c>.
/// </summary>
public sealed class FontanaNetworkReceipts
{
    private readonly FontanaNetworkClient _client;

    internal FontanaNetworkReceipts(FontanaNetworkClient client) => _client = client;

    /// <summary>The receipts client of the network, for anything this view does not wrap.</summary>
    public FontanaReceipts For(string? network = null) => _client.GetNetwork(network).Receipts;

    /// <summary>The status and receipts of <paramref name="txId"/> as the network's node says them (not verified).
    /// Unknown txid: <see cref="FontanaNotFoundException"/>.</summary>
    public Task<TransactionStatusDto> GetAsync(Hash32 txId, string? network = null, CancellationToken cancellationToken = default) =>
        For(network).GetAsync(txId, cancellationToken);

    /// <summary>The final receipt of <paramref name="txId"/>, verified offline; null while it is not sealed.</summary>
    /// <exception cref="ReceiptVerificationException">The node's receipt does not verify.</exception>
    public Task<FinalReceiptDto?> GetVerifiedFinalAsync(Hash32 txId, string? network = null, CancellationToken cancellationToken = default) =>
        For(network).GetVerifiedFinalAsync(txId, cancellationToken);

    /// <summary>True when <paramref name="receipt"/> (provisional, e.g. <c>response.GetFontanaReceipt()</c>) is signed by
    /// the network's sequencer for its chain. Never throws on a malformed receipt.</summary>
    public Task<bool> VerifyAsync(ReceiptDto receipt, string? network = null, CancellationToken cancellationToken = default) =>
        For(network).VerifyAsync(receipt, cancellationToken);

    /// <summary>True when the sequencer's receipt a paid call got (<c>response.GetFontanaReceipt()</c>) is for its
    /// transaction and signed by the sequencer of the network it was paid on (<see cref="PaymentReceipt.Network"/>); false
    /// when the provider passed no receipt on.</summary>
    public async Task<bool> VerifyPaymentAsync(PaymentReceipt payment, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(payment);
        return payment.Receipt is { } receipt
            && receipt.TxId == payment.TxId.ToString()
            && await For(payment.Network).VerifyAsync(receipt, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Verifies a final receipt of <paramref name="txId"/> offline and returns its verified block header.</summary>
    /// <exception cref="ReceiptVerificationException"><c>bad-receipt-signature</c>, <c>bad-header</c> or <c>bad-tx-proof</c>.</exception>
    public Task<BlockHeader> VerifyFinalAsync(FinalReceiptDto final, Hash32 txId, string? network = null, CancellationToken cancellationToken = default) =>
        For(network).VerifyAsync(final, txId, cancellationToken);

    /// <summary>Waits until the payment of a paid call is sealed on the network it was paid on and returns its final
    /// receipt, verified; <see cref="TimeoutException"/> after <paramref name="timeout"/>.</summary>
    public Task<FinalReceiptDto> WaitForPaymentFinalAsync(PaymentReceipt payment, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(payment);
        return For(payment.Network).WaitForFinalAsync(payment.TxId, timeout, cancellationToken);
    }

    /// <summary>Waits until <paramref name="txId"/> is sealed on the network and returns its final receipt, verified;
    /// <see cref="TimeoutException"/> after <paramref name="timeout"/>.</summary>
    public Task<FinalReceiptDto> WaitForFinalAsync(Hash32 txId, TimeSpan timeout, string? network = null, CancellationToken cancellationToken = default) =>
        For(network).WaitForFinalAsync(txId, timeout, cancellationToken);
}
