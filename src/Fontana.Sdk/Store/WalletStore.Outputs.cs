using System.Data.Common;
using Fontana.Core;

namespace Fontana.Sdk.Store;

/// <summary>
/// Coin leases shared by the processes that use one store (the <c>outputs</c> table): before a process spends an
/// output it claims it here, so no two processes ever pick the same coin. A claim is one transaction — SQLite
/// <c>BEGIN IMMEDIATE</c> (the database's single writer), PostgreSQL <c>SELECT … FOR UPDATE SKIP LOCKED</c> (a row another
/// process is claiming at that instant is skipped rather than waited for) — that succeeds only when the output is not
/// spent and not leased to another owner (or that lease has expired).
/// </summary>
public sealed partial class WalletStore
{
    /// <summary>Leases <paramref name="outPoint"/> to <paramref name="owner"/> until <paramref name="until"/>; false if it
    /// is spent or another owner holds an unexpired lease on it.</summary>
    public bool TryClaimOutput(OutPoint outPoint, Amount amount, string owner, DateTimeOffset now, DateTimeOffset until)
    {
        ArgumentException.ThrowIfNullOrEmpty(owner);
        return Guard(() =>
        {
            using var transaction = _connection.BeginTransaction();
            var op = outPoint.ToString();
            var nowMs = now.ToUnixTimeMilliseconds();
            Execute(
                transaction,
                "INSERT INTO outputs (outpoint, amount, status, lease_owner, lease_until, updated_at) VALUES (@op, @amount, 'available', NULL, NULL, @now) ON CONFLICT (outpoint) DO NOTHING",
                ("op", op), ("amount", (long)amount.Utia), ("now", nowMs));
            const string Claimable = "status <> 'spent' AND (lease_owner IS NULL OR lease_until < @now OR lease_owner = @owner)";
            var claimed = Execute(
                transaction,
                _postgres
                    ? $"UPDATE outputs SET lease_owner = @owner, lease_until = @until, updated_at = @now WHERE outpoint = (SELECT outpoint FROM outputs WHERE outpoint = @op AND {Claimable} FOR UPDATE SKIP LOCKED)"
                    : $"UPDATE outputs SET lease_owner = @owner, lease_until = @until, updated_at = @now WHERE outpoint = @op AND {Claimable}",
                ("owner", owner), ("until", until.ToUnixTimeMilliseconds()), ("now", nowMs), ("op", op));
            transaction.Commit();
            return claimed == 1;
        });
    }

    /// <summary>Ends <paramref name="owner"/>'s lease on an output it did not spend; <paramref name="owner"/> null ends
    /// anyone's (the monitor, once the payment that held it is refused).</summary>
    public void ReleaseOutput(OutPoint outPoint, string? owner, DateTimeOffset now) =>
        Guard(() => owner is null
            ? Execute(
                "UPDATE outputs SET lease_owner = NULL, lease_until = NULL, updated_at = @now WHERE outpoint = @op",
                ("now", now.ToUnixTimeMilliseconds()), ("op", outPoint.ToString()))
            : Execute(
                "UPDATE outputs SET lease_owner = NULL, lease_until = NULL, updated_at = @now WHERE outpoint = @op AND lease_owner = @owner",
                ("now", now.ToUnixTimeMilliseconds()), ("op", outPoint.ToString()), ("owner", owner)));

    /// <summary>Records that an output was spent by one of the wallet's transactions: no process may claim it again.</summary>
    public void MarkOutputSpent(OutPoint outPoint, DateTimeOffset now) =>
        Guard(() => Execute(
            "INSERT INTO outputs (outpoint, amount, status, lease_owner, lease_until, updated_at) VALUES (@op, 0, 'spent', NULL, NULL, @now) " +
            "ON CONFLICT (outpoint) DO UPDATE SET status = 'spent', lease_owner = NULL, lease_until = NULL, updated_at = @now",
            ("op", outPoint.ToString()), ("now", now.ToUnixTimeMilliseconds())));

    /// <summary>The lease on an output: its status (<c>available</c> | <c>spent</c>), owner and expiry; null if the store
    /// has never seen it.</summary>
    public (string Status, string? Owner, DateTimeOffset? Until)? GetOutputLease(OutPoint outPoint) =>
        Guard(() =>
        {
            using var command = Command(null, "SELECT status, lease_owner, lease_until FROM outputs WHERE outpoint = @op", [("op", outPoint.ToString())]);
            using DbDataReader r = command.ExecuteReader();
            if (!r.Read())
            {
                return ((string, string?, DateTimeOffset?)?)null;
            }

            return (r.GetString(0), r.IsDBNull(1) ? null : r.GetString(1), r.IsDBNull(2) ? null : DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(2)));
        });
}
