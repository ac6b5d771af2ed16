using System.Globalization;
using Fontana.Bridge.Deposits;
using Fontana.Bridge.Withdrawals;
using Fontana.Core;
using Fontana.Core.Api;
using Fontana.Node.Streaming;

namespace Fontana.Node.Bridge;

/// <summary>
/// Publishes the bridge's status changes on <c>/v1/stream</c> as they are committed: every change of a deposit record
/// (first seen, each new confirmation count, minted, unclaimed) and of a withdrawal record (pending when the processor
/// takes it, paying, paid, confirmed, failed) — to <c>bridge</c> subscribers, and to the depositor's <c>address</c> /
/// the withdrawal's <c>tx</c> subscribers (<see cref="StreamHub.PublishDeposit"/>, <see cref="StreamHub.PublishWithdrawal"/>).
/// Also the one mapping of the stores' records to the public DTOs, shared with <see cref="BridgeStatusReader"/>.
/// </summary>
internal sealed class BridgeStatusStream(StreamHub hub, int requiredConfirmations)
{
    public void OnDepositChanged(object? sender, DepositRecord record)
    {
        Address? depositor = Address.TryParse(record.Memo.Trim(), out var address) ? address : null;
        hub.PublishDeposit(Deposit(record, requiredConfirmations), depositor);
    }

    public void OnWithdrawalChanged(object? sender, WithdrawalRecord record) =>
        hub.PublishWithdrawal(Hash32.Parse(record.TxId), Withdrawal(record));

    /// <summary>The public form of a deposit record.</summary>
    public static DepositStatusDto Deposit(DepositRecord d, int requiredConfirmations) => new(
        d.L1TxHash, d.MessageIndex, Status(d.Status), d.Confirmations, requiredConfirmations, d.L1Height, d.From,
        d.Utia.ToString(CultureInfo.InvariantCulture), d.Memo, d.MintTxId, d.Reason, d.SeenAt, d.UpdatedAt);

    /// <summary>The public form of the processor's record alone (the status endpoint adds the ledger's confirmation txid).</summary>
    public static WithdrawalStatusDto Withdrawal(WithdrawalRecord w) => new(
        w.TxId, Status(w.Status), w.L1Address, w.Utia.ToString(CultureInfo.InvariantCulture), w.L1TxHash, null, w.Reason, w.CreatedAt, w.UpdatedAt);

    public static string Status(DepositStatus status) => status.ToString().ToLowerInvariant();

    public static string Status(WithdrawalStatus status) => status.ToString().ToLowerInvariant();
}
