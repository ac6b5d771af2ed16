using Fontana.Core;
using Fontana.Core.Transactions;
using Fontana.Sdk.Permissions;
using Fontana.Sdk.Utxos;

namespace Fontana.Sdk.Payments;

/// <summary>A signed payment on its way to the provider, with the coin it spends and the change it creates.</summary>
internal sealed record PendingPayment(
    UtxoLease Lease,
    Transaction Transaction,
    string Header,
    OutPoint? Change,
    Amount ChangeAmount,
    Amount Price,
    Amount Fee,
    Address PayTo,
    string Resource,
    BudgetReservation Budget);
