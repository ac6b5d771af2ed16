using Fontana.Bridge.L1;
using Fontana.Core.Bridge;
using Fontana.Core.Errors;

namespace Fontana.Bridge.Withdrawals;

/// <summary>
/// Pays one withdrawal on L1 exactly once, step by step, each step recorded before the next:
/// <c>pending</c> → record the intent with the L1 head height (<c>paying</c>) → <c>state.Transfer</c> from the vault →
/// record the L1 hash (<c>paid</c>) → confirm on Fontana (<c>confirmed</c>).
/// <para>After a crash (or a failed call) in <c>paying</c> the payout may or may not be on L1: celestia-node's
/// <c>state.Transfer</c> carries no memo, so the mechanism is the <b>vault's outgoing transfers since the intent's
/// height</b>: the vault key belongs to this processor alone and it pays one withdrawal at a time, so a transfer from
/// the vault to the same address for the same amount at or above the intent height, not already attributed to another
/// withdrawal, is this payout. If none is found, it is sent again only once the L1 head is more than
/// <paramref name="mempoolWindowBlocks"/> above the intent (a transaction still in a mempool would by then have been
/// included or evicted: set it to at least the consensus nodes' mempool <c>ttl-num-blocks</c>); before that the
/// withdrawal stays <c>paying</c> and the pass fails <c>l1-payout-in-doubt</c> (transient).</para>
/// <para><paramref name="crashPoints"/> names each step for the SIGKILL crash tests (<see cref="BridgeCrashPoints"/>).</para>
/// </summary>
public sealed class WithdrawalPayer(
    CelestiaStateClient state, CosmosTxQueryClient query, WithdrawalStore store, IWithdrawalConfirmer confirmer,
    CelestiaAddress vault, int mempoolWindowBlocks, BridgeCrashPoints? crashPoints = null)
{
    private readonly BridgeCrashPoints _crash = crashPoints ?? BridgeCrashPoints.None;

    /// <summary>Drives <paramref name="txId"/> to <c>confirmed</c> (or <c>failed</c> for an address that is not a Celestia
    /// account); returns its final record. Throws <see cref="L1Exception"/> when a step cannot be done now; the record
    /// then says where to resume.</summary>
    public async Task<WithdrawalRecord> PayAsync(string txId, string l1Address, ulong utia, CancellationToken cancellationToken)
    {
        var record = store.Add(txId, l1Address, utia);
        while (true)
        {
            switch (record.Status)
            {
                case WithdrawalStatus.Confirmed or WithdrawalStatus.Failed:
                    return record;
                case WithdrawalStatus.Pending:
                    if (!CelestiaAddress.TryParse(record.L1Address, out var to, out var error))
                    {
                        store.Failed(txId, $"{ErrorCodes.BadL1Address}: {error}");
                        break;
                    }

                    var intentHeight = await query.LatestHeightAsync(cancellationToken);
                    _crash.Reach(BridgeCrashPoints.WithdrawalBeforeRecordIntent);
                    store.Paying(txId, intentHeight); // the intent, before sending
                    _crash.Reach(BridgeCrashPoints.WithdrawalBeforeSend);
                    var sent = await state.TransferAsync(to, record.Utia, cancellationToken);
                    _crash.Reach(BridgeCrashPoints.WithdrawalAfterSend);
                    store.Paid(txId, sent.TxHash);
                    break;
                case WithdrawalStatus.Paying:
                    await ReconcileAsync(record, cancellationToken);
                    break;
                case WithdrawalStatus.Paid:
                    _crash.Reach(BridgeCrashPoints.WithdrawalBeforeConfirm);
                    await confirmer.ConfirmAsync(txId, record.L1TxHash!, cancellationToken);
                    _crash.Reach(BridgeCrashPoints.WithdrawalAfterConfirm);
                    store.Confirmed(txId);
                    _crash.Reach(BridgeCrashPoints.WithdrawalAfterRecordConfirmed);
                    break;
            }

            record = store.Get(txId)!;
        }
    }

    private async Task ReconcileAsync(WithdrawalRecord record, CancellationToken cancellationToken)
    {
        var intent = record.IntentHeight ?? 0;
        var head = await query.LatestHeightAsync(cancellationToken);
        var attributed = store.AttributedPayouts();
        var payouts = await query.TransfersFromAsync(vault.Text, intent, cancellationToken);
        var earlier = payouts.FirstOrDefault(p => p.To == record.L1Address && p.Utia == record.Utia && !attributed.Contains(p.TxHash));
        if (earlier is not null)
        {
            store.Paid(record.TxId, earlier.TxHash);
            return;
        }

        if (head <= intent + mempoolWindowBlocks)
        {
            throw new L1Exception(ErrorCodes.L1PayoutInDoubt,
                $"withdrawal {record.TxId}: no payout found since L1 height {intent}; waiting until height {intent + mempoolWindowBlocks + 1} before sending again");
        }

        store.BackToPending(record.TxId);
    }
}
