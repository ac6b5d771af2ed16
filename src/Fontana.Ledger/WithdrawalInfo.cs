using Fontana.Core;

namespace Fontana.Ledger;

/// <summary>A withdrawal (burn) and, once paid out on L1, its confirmation.</summary>
/// <param name="TxId">The withdrawal transaction.</param>
/// <param name="L1Address">Where to pay on L1 (the withdrawal's external reference).</param>
/// <param name="Amount">The amount withdrawn: inputs − outputs − fee.</param>
/// <param name="Confirmed">True once a withdrawal confirmation was applied.</param>
/// <param name="ConfirmationTxId">The confirmation transaction, once confirmed.</param>
/// <param name="L1TxRef">The L1 payout transaction, once confirmed.</param>
public sealed record WithdrawalInfo(Hash32 TxId, string L1Address, Amount Amount, bool Confirmed, Hash32? ConfirmationTxId, string? L1TxRef);
