using System.Globalization;
using Fontana.Bridge.Deposits;
using Fontana.Bridge.Withdrawals;
using Fontana.Core;
using Fontana.Core.Api;
using Fontana.Ledger;
using Fontana.Node.Chain;

namespace Fontana.Node.Bridge;

/// <summary>
/// The public view of the bridge: a withdrawal's status merges the ledger (burned; confirmed with the L1 reference)
/// with the processor's record (paying, paid, failed, timestamps); a deposit's status is the watcher's record. Also the
/// explorer's query: <see cref="RecentWithdrawalsAsync"/> and <see cref="RecentDeposits"/> list the queues, newest first.
/// </summary>
public sealed class BridgeStatusReader(NodeLedger node, BridgeRuntime bridge)
{
    /// <summary>The withdrawal's status, or null when <paramref name="txId"/> is not a withdrawal on this ledger.</summary>
    public async Task<WithdrawalStatusDto?> GetWithdrawalAsync(Hash32 txId, CancellationToken cancellationToken)
    {
        var info = await node.Ledger.GetWithdrawalAsync(txId, cancellationToken);
        return info is null ? null : await MergeAsync(info, bridge.Withdrawals?.Get(txId.ToString()), cancellationToken);
    }

    /// <summary>Recent withdrawals, newest first: those the processor recorded, then those still waiting for it.
    /// <paramref name="signer"/> keeps only that wallet's.</summary>
    public async Task<IReadOnlyList<WithdrawalStatusDto>> RecentWithdrawalsAsync(int limit, Address? signer, CancellationToken cancellationToken)
    {
        var ledger = node.Ledger;
        var result = new List<WithdrawalStatusDto>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var waiting = await ledger.GetPendingWithdrawalsAsync(Math.Max(limit, 100), cancellationToken);
        var records = bridge.Withdrawals?.Recent(Math.Max(limit, 100)) ?? [];
        foreach (var w in waiting.Reverse())
        {
            if (records.Any(r => r.TxId == w.TxId.ToString()))
            {
                continue;
            }

            await AddAsync(w, null);
        }

        foreach (var r in records)
        {
            if (await ledger.GetWithdrawalAsync(Hash32.Parse(r.TxId), cancellationToken) is { } w)
            {
                await AddAsync(w, r);
            }
        }

        return [.. result.OrderByDescending(w => w.CreatedAt).Take(limit)];

        async Task AddAsync(WithdrawalInfo w, WithdrawalRecord? record)
        {
            if (!seen.Add(w.TxId.ToString()))
            {
                return;
            }

            if (signer is { } s)
            {
                var tx = await ledger.GetTransactionAsync(w.TxId, cancellationToken);
                if (tx is null || !tx.Transaction.Signer.Equals(s.PublicKey))
                {
                    return;
                }
            }

            result.Add(await MergeAsync(w, record, cancellationToken));
        }
    }

    /// <summary>Every deposit of L1 transaction <paramref name="l1TxHash"/> (one per message), or empty.</summary>
    public IReadOnlyList<DepositStatusDto> GetDeposits(string l1TxHash) =>
        bridge.Deposits is { } store ? [.. store.ByTxHash(l1TxHash.Trim()).Select(Deposit)] : [];

    /// <summary>Recent deposits, newest first.</summary>
    public IReadOnlyList<DepositStatusDto> RecentDeposits(int limit) =>
        bridge.Deposits is { } store ? [.. store.Recent(limit).Select(Deposit)] : [];

    private DepositStatusDto Deposit(DepositRecord d) => BridgeStatusStream.Deposit(d, bridge.Options.Confirmations);

    private async Task<WithdrawalStatusDto> MergeAsync(WithdrawalInfo w, WithdrawalRecord? record, CancellationToken cancellationToken)
    {
        var status = w.Confirmed ? WithdrawalStatus.Confirmed : record?.Status ?? WithdrawalStatus.Pending;
        var created = record?.CreatedAt;
        var updated = record?.UpdatedAt;
        if (created is null && (await node.Ledger.GetTransactionAsync(w.TxId, cancellationToken))?.Receipt is { } receipt)
        {
            created = updated = DateTimeOffset.FromUnixTimeMilliseconds((long)receipt.AcceptedAt);
        }

        return new WithdrawalStatusDto(
            w.TxId.ToString(), BridgeStatusStream.Status(status), w.L1Address, w.Amount.Utia.ToString(CultureInfo.InvariantCulture),
            w.L1TxRef ?? record?.L1TxHash, w.ConfirmationTxId?.ToString(), record?.Reason, created, updated);
    }
}
