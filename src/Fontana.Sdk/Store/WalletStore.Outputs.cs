using System.Data.Common;
using System.Globalization;
using Fontana.Core;

namespace Fontana.Sdk.Store;

/// <summary>
/// Coin leases shared by the processes that use one store (the <c>outputs</c> table): before a process spends an
/// output it claims it here, so no two processes ever pick the same coin. A claim is one transaction — SQLite
/// <c>BEGIN IMMEDIATE</c> (the database's single writer), PostgreSQL <c>SELECT … FOR UPDATE SKIP LOCKED</c> (a row another
/// process is claiming at that instant is skipped rather than waited for) — that succeeds only when the output is not
/// spent and not held by another owner.
/// <para>Two kinds of lease. A <em>held</em> lease (a call or a split is spending the coin) lasts as long as its owner
/// lives: each owner renews one row of <c>lease_owners</c> (a heartbeat, <c>alive_until</c>), and only when that row has
/// run out (the process was killed, or hung past its timeout) may another owner take the coin — and then only if no
/// payment of the wallet that spends the coin is still <c>pending</c>/<c>unknown</c> (the monitor settles those first).
/// An owner with no row (older code) keeps its lease until <c>lease_until</c>. A <em>soft</em> lease (a new output of
/// the owner's own transaction: its change, a split's outputs) keeps other processes off it until <c>lease_until</c>,
/// so that each process spends the coins it made and processes do not race for them; after that anyone may take it.</para>
/// </summary>
public sealed partial class WalletStore
{
    /// <summary>When the lease of the row's owner runs out: its heartbeat for a held lease (or <c>lease_until</c> without
    /// one), <c>lease_until</c> for a soft lease.</summary>
    private const string LeaseEnd =
        "(CASE WHEN outputs.held = 1 THEN COALESCE((SELECT o.alive_until FROM lease_owners o WHERE o.owner = outputs.lease_owner), outputs.lease_until) ELSE outputs.lease_until END)";

    private const string NoUnresolvedPayment =
        "NOT EXISTS (SELECT 1 FROM payments p WHERE p.input = outputs.outpoint AND p.state IN ('pending', 'unknown'))";

    private const string Claimable =
        $"outputs.status <> 'spent' AND (outputs.lease_owner = @owner OR ((outputs.lease_owner IS NULL OR {LeaseEnd} < @now) AND {NoUnresolvedPayment}))";

    /// <summary>Leases <paramref name="outPoint"/> to <paramref name="owner"/> (a held lease, see the type's remarks);
    /// false if it is spent or another owner holds it.</summary>
    /// <param name="outPoint">The coin.</param>
    /// <param name="amount">Its amount (recorded when the store first sees it).</param>
    /// <param name="owner">The claiming owner (<see cref="RenewLeaseOwner"/>).</param>
    /// <param name="now">The current time.</param>
    /// <param name="until">The lease's end for readers that do not know the owner's heartbeat.</param>
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
                "INSERT INTO outputs (outpoint, amount, status, lease_owner, lease_until, updated_at, held) VALUES (@op, @amount, 'available', NULL, NULL, @now, 1) ON CONFLICT (outpoint) DO NOTHING",
                ("op", op), ("amount", (long)amount.Utia), ("now", nowMs));
            var claimed = Execute(
                transaction,
                _postgres
                    ? $"UPDATE outputs SET lease_owner = @owner, lease_until = @until, held = 1, updated_at = @now WHERE outpoint = (SELECT outpoint FROM outputs WHERE outpoint = @op AND {Claimable} FOR UPDATE SKIP LOCKED)"
                    : $"UPDATE outputs SET lease_owner = @owner, lease_until = @until, held = 1, updated_at = @now WHERE outpoint = @op AND {Claimable}",
                ("owner", owner), ("until", until.ToUnixTimeMilliseconds()), ("now", nowMs), ("op", op));
            transaction.Commit();
            return claimed == 1;
        });
    }

    /// <summary>Leases to <paramref name="owner"/> (held) the first of <paramref name="candidates"/>, in their order, that
    /// it may claim — one transaction for several equal coins instead of one per coin tried. Returns the index of the
    /// coin claimed, or -1; <paramref name="unavailable"/> receives the indexes of those spent or held by another owner
    /// (on PostgreSQL also those another process is claiming at this instant: skipped, not waited for).</summary>
    internal int TryClaimFirstOutput(
        IReadOnlyList<(OutPoint OutPoint, Amount Amount)> candidates, string owner, DateTimeOffset now, DateTimeOffset until, List<int> unavailable)
    {
        ArgumentException.ThrowIfNullOrEmpty(owner);
        unavailable.Clear();
        if (candidates.Count == 0)
        {
            return -1;
        }

        return Guard(() =>
        {
            var nowMs = now.ToUnixTimeMilliseconds();
            var keys = new string[candidates.Count];
            var parameters = new List<(string Name, object? Value)>(candidates.Count * 2 + 3) { ("now", nowMs), ("owner", owner) };
            for (var i = 0; i < candidates.Count; i++)
            {
                var n = i.ToString(CultureInfo.InvariantCulture);
                keys[i] = candidates[i].OutPoint.ToString();
                parameters.Add(("o" + n, keys[i]));
                parameters.Add(("a" + n, (long)candidates[i].Amount.Utia));
            }

            // New rows are inserted in one order for every process (by outpoint), not in the caller's: on PostgreSQL two
            // transactions inserting the same new rows in opposite orders each wait for the other's uncommitted row —
            // a deadlock, which PostgreSQL breaks by failing one of them (seen in CoinLeaseTests about 1 run in 8).
            var rows = Enumerable.Range(0, candidates.Count)
                .OrderBy(i => keys[i], StringComparer.Ordinal)
                .Select(i => $"(@o{i.ToString(CultureInfo.InvariantCulture)}, @a{i.ToString(CultureInfo.InvariantCulture)}, 'available', NULL, NULL, @now, 1)")
                .ToList();

            var inList = string.Join(", ", Enumerable.Range(0, candidates.Count).Select(i => "@o" + i.ToString(CultureInfo.InvariantCulture)));
            using var transaction = _connection.BeginTransaction();
            Execute(
                transaction,
                $"INSERT INTO outputs (outpoint, amount, status, lease_owner, lease_until, updated_at, held) VALUES {string.Join(", ", rows)} ON CONFLICT (outpoint) DO NOTHING",
                [.. parameters]);
            var claimable = new HashSet<string>(StringComparer.Ordinal);
            using (var select = Command(
                transaction, $"SELECT outputs.outpoint FROM outputs WHERE outputs.outpoint IN ({inList}) AND {Claimable}", [.. parameters]))
            {
                using var r = select.ExecuteReader();
                while (r.Read())
                {
                    claimable.Add(r.GetString(0));
                }
            }

            // The first claimable one in the caller's order; on PostgreSQL a row another process is claiming at this
            // instant is skipped (SKIP LOCKED), and only the row claimed is locked.
            var chosen = -1;
            for (var i = 0; i < keys.Length; i++)
            {
                if (chosen >= 0 && claimable.Contains(keys[i]))
                {
                    continue; // not tried: stays free
                }

                if (chosen < 0 && claimable.Contains(keys[i]) && Execute(
                    transaction,
                    _postgres
                        ? $"UPDATE outputs SET lease_owner = @owner, lease_until = @until, held = 1, updated_at = @now WHERE outpoint = (SELECT outpoint FROM outputs WHERE outpoint = @op AND {Claimable} FOR UPDATE SKIP LOCKED)"
                        : $"UPDATE outputs SET lease_owner = @owner, lease_until = @until, held = 1, updated_at = @now WHERE outpoint = @op AND {Claimable}",
                    ("owner", owner), ("until", until.ToUnixTimeMilliseconds()), ("now", nowMs), ("op", keys[i])) == 1)
                {
                    chosen = i;
                    continue;
                }

                unavailable.Add(i);
            }

            transaction.Commit();
            return chosen;
        });
    }

    /// <summary>Soft-leases new outputs of <paramref name="owner"/>'s own transaction to it until <paramref name="until"/>
    /// (see the type's remarks), in one transaction; an output the store already knows is left as it is.</summary>
    public void LeaseNewOutputs(IReadOnlyList<(OutPoint OutPoint, Amount Amount)> outputs, string owner, DateTimeOffset now, DateTimeOffset until)
    {
        ArgumentNullException.ThrowIfNull(outputs);
        ArgumentException.ThrowIfNullOrEmpty(owner);
        if (outputs.Count == 0)
        {
            return;
        }

        Guard(() =>
        {
            using var transaction = _connection.BeginTransaction();
            // By outpoint, as TryClaimFirstOutput inserts: the same order for every process, so inserts never deadlock.
            foreach (var (outPoint, amount) in outputs.OrderBy(o => o.OutPoint.ToString(), StringComparer.Ordinal))
            {
                Execute(
                    transaction,
                    "INSERT INTO outputs (outpoint, amount, status, lease_owner, lease_until, updated_at, held) VALUES (@op, @amount, 'available', @owner, @until, @now, 0) ON CONFLICT (outpoint) DO NOTHING",
                    ("op", outPoint.ToString()), ("amount", (long)amount.Utia), ("owner", owner), ("until", until.ToUnixTimeMilliseconds()), ("now", now.ToUnixTimeMilliseconds()));
            }

            transaction.Commit();
            return 0;
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

    /// <summary>The outputs that <paramref name="owner"/> may not claim at <paramref name="now"/> because another owner
    /// holds them (held or soft) — what a process skips without trying them one by one.</summary>
    public IReadOnlyList<OutPoint> ListOutputsLeasedByOthers(string owner, DateTimeOffset now) => Guard(() =>
    {
        using var command = Command(
            null,
            $"SELECT outputs.outpoint FROM outputs WHERE outputs.lease_owner IS NOT NULL AND outputs.lease_owner <> @owner AND outputs.status <> 'spent' AND {LeaseEnd} >= @now",
            [("owner", owner), ("now", now.ToUnixTimeMilliseconds())]);
        using var r = command.ExecuteReader();
        var list = new List<OutPoint>();
        while (r.Read())
        {
            if (OutPoint.TryParse(r.GetString(0), out var outPoint, out _))
            {
                list.Add(outPoint);
            }
        }

        return list;
    });

    /// <summary>Registers or renews <paramref name="owner"/>'s heartbeat: its held leases stand until <paramref name="aliveUntil"/>.</summary>
    public void RenewLeaseOwner(string owner, string host, int processId, DateTimeOffset startedAt, DateTimeOffset aliveUntil) =>
        Guard(() => Execute(
            "INSERT INTO lease_owners (owner, host, pid, started_at, alive_until) VALUES (@owner, @host, @pid, @started, @until) " +
            "ON CONFLICT (owner) DO UPDATE SET alive_until = excluded.alive_until",
            ("owner", owner), ("host", host), ("pid", processId), ("started", startedAt.ToUnixTimeMilliseconds()), ("until", aliveUntil.ToUnixTimeMilliseconds())));

    /// <summary>A clean shutdown of <paramref name="owner"/>: its leases end (coins whose payment is still unresolved
    /// stay unclaimable until the monitor settles it) and its heartbeat row is removed.</summary>
    public void EndLeaseOwner(string owner, DateTimeOffset now) => Guard(() =>
    {
        using var transaction = _connection.BeginTransaction();
        Execute(
            transaction,
            "UPDATE outputs SET lease_owner = NULL, lease_until = NULL, updated_at = @now WHERE lease_owner = @owner AND status <> 'spent'",
            ("owner", owner), ("now", now.ToUnixTimeMilliseconds()));
        Execute(transaction, "DELETE FROM lease_owners WHERE owner = @owner", ("owner", owner));
        transaction.Commit();
        return 0;
    });

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
