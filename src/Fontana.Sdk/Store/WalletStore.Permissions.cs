using System.Data.Common;
using Fontana.Core;
using Fontana.Sdk.Permissions;

namespace Fontana.Sdk.Store;

/// <summary>Permissions and spend counters of the <see cref="SpendingPolicy"/>, shared by every process of the wallet:
/// a payment's check and its reservation are one transaction, so processes together never exceed a limit.</summary>
public sealed partial class WalletStore
{
    private const string PermissionColumns = "scope, access, per_call, per_hour, per_day, total, expires_at, granted_at, source";
    private const string CounterColumns = "scope, total, hour_window, hour, day_window, day";

    /// <summary>A policy over this store's permissions and counters (changes are persisted and seen by every process
    /// that uses the store).</summary>
    public SpendingPolicy CreateSpendingPolicy(TimeProvider? timeProvider = null) => new(timeProvider, this);

    IReadOnlyList<Permission> ISpendingStore.LoadPermissions() => Guard(() =>
    {
        using var command = Command(null, $"SELECT {PermissionColumns} FROM permissions ORDER BY scope", []);
        return ReadPermissions(command).Values.ToList();
    });

    IReadOnlyDictionary<PermissionScope, SpendCounter> ISpendingStore.LoadCounters() => Guard(() =>
    {
        using var command = Command(null, $"SELECT {CounterColumns} FROM spend", []);
        return ReadCounters(command);
    });

    void ISpendingStore.SavePermission(Permission permission) => Guard(() => Execute(
        $"INSERT INTO permissions ({PermissionColumns}) " +
        "VALUES (@scope, @access, @call, @hour, @day, @total, @expires, @granted, @source) ON CONFLICT (scope) DO UPDATE SET " +
        "access = excluded.access, per_call = excluded.per_call, per_hour = excluded.per_hour, per_day = excluded.per_day, " +
        "total = excluded.total, expires_at = excluded.expires_at, granted_at = excluded.granted_at, source = excluded.source",
        ("scope", permission.Scope.ToString()),
        ("access", permission.Access == PermissionAccess.Deny ? "deny" : "allow"),
        ("call", Utia(permission.Limits.PerCall)),
        ("hour", Utia(permission.Limits.PerHour)),
        ("day", Utia(permission.Limits.PerDay)),
        ("total", Utia(permission.Limits.Total)),
        ("expires", permission.ExpiresAt?.ToUnixTimeMilliseconds()),
        ("granted", permission.GrantedAt.ToUnixTimeMilliseconds()),
        ("source", permission.Source)));

    bool ISpendingStore.DeletePermission(PermissionScope scope) =>
        Guard(() => Execute("DELETE FROM permissions WHERE scope = @scope", ("scope", scope.ToString())) > 0);

    void ISpendingStore.Reserve(IReadOnlyList<PermissionScope> scopes, long utia, DateTimeOffset now, SpendCheck check) => Guard(() =>
    {
        var keys = scopes.Select(s => s.ToString()).Distinct().Order(StringComparer.Ordinal).ToArray();
        var inList = string.Join(", ", keys.Select((_, i) => "@s" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var keyParameters = keys.Select((k, i) => ("s" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), (object?)k)).ToArray();

        // SQLite: Microsoft.Data.Sqlite begins with BEGIN IMMEDIATE, the database's single write lock, held to the
        // commit. PostgreSQL: the scopes' counter rows are created if missing and locked FOR UPDATE in scope order
        // (no deadlock between two payments), so a second process's check waits for this one's reservation. Three
        // statements (create the rows, read counters with their permissions, add to them): the write lock is held briefly.
        using var transaction = _connection.BeginTransaction();
        var values = string.Join(", ", keys.Select((_, i) => "(@s" + i.ToString(System.Globalization.CultureInfo.InvariantCulture) + ", 0, 0, 0, 0, 0)"));
        Execute(transaction, $"INSERT INTO spend (scope, total, hour_window, hour, day_window, day) VALUES {values} ON CONFLICT (scope) DO NOTHING", keyParameters);

        var counters = new Dictionary<PermissionScope, SpendCounter>();
        var permissions = new Dictionary<PermissionScope, Permission>();
        using (var command = Command(
            transaction,
            $"SELECT s.{CounterColumns.Replace(", ", ", s.", StringComparison.Ordinal)}, p.{PermissionColumns.Replace(", ", ", p.", StringComparison.Ordinal)} " +
            $"FROM spend s LEFT JOIN permissions p ON p.scope = s.scope WHERE s.scope IN ({inList}) ORDER BY s.scope{(_postgres ? " FOR UPDATE OF s" : string.Empty)}",
            keyParameters))
        {
            using var r = command.ExecuteReader();
            while (r.Read())
            {
                if (!PermissionScope.TryParse(r.GetString(0), out var scope, out _))
                {
                    continue;
                }

                counters[scope] = ReadCounter(r, 1);
                if (!r.IsDBNull(6))
                {
                    permissions[scope] = ReadPermission(r, 6);
                }
            }
        }

        foreach (var counter in counters.Values)
        {
            counter.Roll(now);
        }

        check(permissions, counters);
        var seconds = now.ToUnixTimeSeconds();
        Execute(
            transaction,
            "UPDATE spend SET total = total + @a, " +
            "hour = CASE WHEN hour_window = @hw THEN hour + @a ELSE @a END, hour_window = @hw, " +
            $"day = CASE WHEN day_window = @dw THEN day + @a ELSE @a END, day_window = @dw WHERE scope IN ({inList})",
            [("a", utia), ("hw", seconds / 3600), ("dw", seconds / 86400), .. keyParameters]);
        transaction.Commit();
        return 0;
    });

    void ISpendingStore.Unreserve(IReadOnlyList<PermissionScope> scopes, long utia, DateTimeOffset reservedAt) => Guard(() =>
    {
        var seconds = reservedAt.ToUnixTimeSeconds();
        using var transaction = _connection.BeginTransaction();
        foreach (var key in scopes.Select(s => s.ToString()).Distinct().Order(StringComparer.Ordinal))
        {
            Execute(
                transaction,
                "UPDATE spend SET total = CASE WHEN total >= @a THEN total - @a ELSE 0 END, " +
                "hour = CASE WHEN hour_window = @hw AND hour >= @a THEN hour - @a WHEN hour_window = @hw THEN 0 ELSE hour END, " +
                "day = CASE WHEN day_window = @dw AND day >= @a THEN day - @a WHEN day_window = @dw THEN 0 ELSE day END WHERE scope = @scope",
                ("a", utia), ("hw", seconds / 3600), ("dw", seconds / 86400), ("scope", key));
        }

        transaction.Commit();
        return 0;
    });

    private static Dictionary<PermissionScope, Permission> ReadPermissions(DbCommand command)
    {
        using var r = command.ExecuteReader();
        var permissions = new Dictionary<PermissionScope, Permission>();
        while (r.Read())
        {
            var permission = ReadPermission(r, 0);
            permissions[permission.Scope] = permission;
        }

        return permissions;
    }

    /// <summary>The permission in the columns from <paramref name="at"/> (<see cref="PermissionColumns"/>).</summary>
    private static Permission ReadPermission(DbDataReader r, int at)
    {
        if (!PermissionScope.TryParse(r.GetString(at), out var scope, out var error))
        {
            throw new WalletStoreException(WalletStoreException.Corrupt, $"{WalletStoreException.Corrupt}: permission scope: {error}");
        }

        return new Permission(
            scope,
            r.GetString(at + 1) == "deny" ? PermissionAccess.Deny : PermissionAccess.Allow,
            new SpendingLimits { PerCall = AmountOrNull(r, at + 2), PerHour = AmountOrNull(r, at + 3), PerDay = AmountOrNull(r, at + 4), Total = AmountOrNull(r, at + 5) },
            r.IsDBNull(at + 6) ? null : DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(at + 6)),
            DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(at + 7)),
            r.GetString(at + 8));
    }

    /// <summary>The counter in the columns from <paramref name="at"/> (<see cref="CounterColumns"/> without the scope).</summary>
    private static SpendCounter ReadCounter(DbDataReader r, int at) => new()
    {
        Total = r.GetInt64(at), HourWindow = r.GetInt64(at + 1), Hour = r.GetInt64(at + 2), DayWindow = r.GetInt64(at + 3), Day = r.GetInt64(at + 4),
    };

    private static Dictionary<PermissionScope, SpendCounter> ReadCounters(DbCommand command)
    {
        using var r = command.ExecuteReader();
        var counters = new Dictionary<PermissionScope, SpendCounter>();
        while (r.Read())
        {
            if (PermissionScope.TryParse(r.GetString(0), out var scope, out _))
            {
                counters[scope] = new SpendCounter
                {
                    Total = r.GetInt64(1), HourWindow = r.GetInt64(2), Hour = r.GetInt64(3), DayWindow = r.GetInt64(4), Day = r.GetInt64(5),
                };
            }
        }

        return counters;
    }

    private static object? Utia(Amount? amount) => amount is { } a ? (long)a.Utia : null;

    private static Amount? AmountOrNull(DbDataReader r, int ordinal) => r.IsDBNull(ordinal) ? null : Amount.FromUtia((ulong)r.GetInt64(ordinal));
}
