using Fontana.Bridge.Withdrawals;
using Fontana.Core;
using Fontana.Core.Errors;
using Fontana.Node.Chain;

namespace Fontana.Node.Bridge;

/// <summary>Confirms payouts on the node's own ledger (a bridge-signed WithdrawalConfirmation; the same arguments
/// again answer the original transaction).</summary>
internal sealed class LedgerWithdrawalConfirmer(NodeLedger node, ILogger<LedgerWithdrawalConfirmer> logger) : IWithdrawalConfirmer
{
    public async Task ConfirmAsync(string withdrawalTxId, string l1TxHash, CancellationToken cancellationToken)
    {
        var txId = Hash32.Parse(withdrawalTxId);
        var result = await node.Ledger.ProcessWithdrawalConfirmedAsync(txId, l1TxHash, cancellationToken);
        if (result.IsAccepted)
        {
            return;
        }

        if (result.Code == ErrorCodes.WithdrawalAlreadyConfirmed)
        {
            // Confirmed by another reference (an operator's trigger-withdrawal-confirm): paid is paid; nothing to redo.
            logger.LogWarning("withdrawal {TxId} was already confirmed by another L1 reference; processor payout {L1TxHash}", withdrawalTxId, l1TxHash);
            return;
        }

        throw new InvalidOperationException($"{result.Code}: cannot confirm withdrawal {withdrawalTxId}: {result.Detail}");
    }
}
