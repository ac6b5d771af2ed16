using Fontana.Bridge.Deposits;
using Fontana.Core;
using Fontana.Ledger;
using Fontana.Node.Chain;

namespace Fontana.Node.Bridge;

/// <summary>Mints deposits on the node's own ledger (a bridge-signed Deposit transaction; idempotent per key).</summary>
internal sealed class LedgerDepositMinter(NodeLedger node) : IDepositMinter
{
    public async Task<DepositMint> MintAsync(string key, Address to, Amount amount, CancellationToken cancellationToken)
    {
        var result = await node.Ledger.ProcessDepositAsync(key, to, amount, cancellationToken);
        if (result.IsUnavailable || result.Code == LedgerErrorCodes.KeyMissing)
        {
            // Not a refusal of this deposit: the ledger cannot mint now. The pass fails and is retried.
            throw new InvalidOperationException($"{result.Code}: cannot mint deposit {key} now: {result.Detail}");
        }

        return result.IsAccepted
            ? new DepositMint(true, result.TxId, null, null)
            : new DepositMint(false, result.TxId, result.Code, result.Detail);
    }
}
