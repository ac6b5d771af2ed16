using Fontana.Core;
using Fontana.Core.Transactions;

namespace Fontana.Ledger;

/// <summary>The committed status of an outpoint.</summary>
/// <param name="OutPoint">The outpoint asked about.</param>
/// <param name="State">Unknown, unspent or spent.</param>
/// <param name="Output">The output, unless <see cref="UtxoState.Unknown"/>.</param>
/// <param name="SpentBy">The spending txid when <see cref="UtxoState.Spent"/>.</param>
public sealed record UtxoStatus(OutPoint OutPoint, UtxoState State, TxOutput? Output, Hash32? SpentBy);
