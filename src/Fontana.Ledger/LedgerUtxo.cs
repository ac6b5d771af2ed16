using Fontana.Core;
using Fontana.Core.Transactions;

namespace Fontana.Ledger;

/// <summary>An unspent output.</summary>
public sealed record LedgerUtxo(OutPoint OutPoint, TxOutput Output);
