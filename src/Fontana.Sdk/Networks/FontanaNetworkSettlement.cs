using Fontana.Core;
using Fontana.Core.Api;
using Fontana.Sdk.Settlement;

namespace Fontana.Sdk.Networks;

/// <summary>
/// <c>client.Settlement</c>: moving money between Celestia (L1) and each network of a <see cref="FontanaNetworkClient"/>
/// through that network's bridge (<see cref="FontanaSettlement"/>, docs/bridge.md), for the wallet paying on it. Every
/// method takes the network's id or name, or uses the default network when it is null.
/// </summary>
public sealed class FontanaNetworkSettlement
{
    private readonly FontanaNetworkClient _client;

    internal FontanaNetworkSettlement(FontanaNetworkClient client) => _client = client;

    /// <summary>The bridge client of the network, for anything this view does not wrap.</summary>
    public FontanaSettlement For(string? network = null) => new(_client.GetNetwork(network).Node);

    /// <summary>Where and how to send TIA on Celestia so it is minted to this client's wallet on the network
    /// (<c>bridge-disabled</c> when the network's node runs no bridge).</summary>
    public Task<DepositInstructions> DepositInstructionsAsync(string? network = null, CancellationToken cancellationToken = default)
    {
        var target = _client.GetNetwork(network);
        return new FontanaSettlement(target.Node).DepositInstructionsAsync(target.Address, cancellationToken);
    }

    /// <summary>The fees of withdrawing <paramref name="amount"/> from the network.</summary>
    public Task<WithdrawalEstimate> EstimateWithdrawalAsync(Amount amount, string? network = null, CancellationToken cancellationToken = default) =>
        For(network).EstimateWithdrawalAsync(amount, cancellationToken);

    /// <summary>
    /// Burns <paramref name="amount"/> (plus the rollup fee) from this client's wallet on the network for a payout to
    /// <paramref name="l1Address"/>; then refreshes the payer's coins. Spends outputs the node lists, so withdraw while no
    /// paid calls are in flight on that network (a call whose coin it took is retried with another, <c>input-spent</c>).
    /// </summary>
    public async Task<WithdrawalStatusDto> WithdrawAsync(Amount amount, string l1Address, string? network = null, CancellationToken cancellationToken = default)
    {
        var target = _client.GetNetwork(network);
        var status = await new FontanaSettlement(target.Node).WithdrawAsync(target.Payer.SigningKey, amount, l1Address, cancellationToken).ConfigureAwait(false);
        await target.Payer.RefreshAsync(cancellationToken).ConfigureAwait(false);
        return status;
    }

    /// <summary>A withdrawal's status on the network: pending | paying | paid | confirmed | failed.</summary>
    public Task<WithdrawalStatusDto> GetWithdrawalAsync(Hash32 txId, string? network = null, CancellationToken cancellationToken = default) =>
        For(network).GetWithdrawalAsync(txId, cancellationToken);

    /// <summary>This client's recent withdrawals on the network, newest first.</summary>
    public Task<IReadOnlyList<WithdrawalStatusDto>> ListWithdrawalsAsync(string? network = null, int limit = 100, CancellationToken cancellationToken = default)
    {
        var target = _client.GetNetwork(network);
        return new FontanaSettlement(target.Node).ListWithdrawalsAsync(target.Address, limit, cancellationToken);
    }

    /// <summary>The deposits of one L1 transaction on the network (seen | minted | unclaimed).</summary>
    public Task<IReadOnlyList<DepositStatusDto>> GetDepositAsync(string l1TxHash, string? network = null, CancellationToken cancellationToken = default) =>
        For(network).GetDepositAsync(l1TxHash, cancellationToken);

    /// <summary>Waits until the withdrawal is <c>confirmed</c> or <c>failed</c>; <see cref="TimeoutException"/> after <paramref name="timeout"/>.</summary>
    public Task<WithdrawalStatusDto> WaitForWithdrawalAsync(Hash32 txId, TimeSpan timeout, string? network = null, CancellationToken cancellationToken = default) =>
        For(network).WaitForWithdrawalAsync(txId, timeout, cancellationToken: cancellationToken);
}
