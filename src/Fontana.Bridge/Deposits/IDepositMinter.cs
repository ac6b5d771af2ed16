using Fontana.Core;

namespace Fontana.Bridge.Deposits;

/// <summary>The ledger side of a deposit (the node implements it over <c>ILedger.ProcessDepositAsync</c>). Minting must be
/// idempotent per key: the same key with the same terms answers the original transaction, which is
/// what makes a deposit minted once even when the watcher's own record of it was lost.</summary>
public interface IDepositMinter
{
    /// <summary>Mints <paramref name="amount"/> to <paramref name="to"/> for L1 transfer <paramref name="key"/>.</summary>
    Task<DepositMint> MintAsync(string key, Address to, Amount amount, CancellationToken cancellationToken);
}

/// <summary>The mint's outcome: the Fontana txid when accepted, otherwise the ledger's rejection code.</summary>
public sealed record DepositMint(bool Accepted, Hash32 TxId, string? Code, string? Detail);
