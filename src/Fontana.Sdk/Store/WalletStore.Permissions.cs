using System.Data.Common;
using Fontana.Core;
using Fontana.Sdk.Permissions;

namespace Fontana.Sdk.Store;

/// <summary>Permissions and spend counters of the <see cref="SpendingPolicy"/>.</summary>
public sealed partial class WalletStore
{
    /// <summary>A policy over this store's permissions and counters (changes are persisted).</summary>
    public SpendingPolicy CreateSpendingPolicy(TimeProvider? timeProvider = null) => new(timeProvider, this);

    IReadOnlyList<Permission> ISpendingStore.LoadPermissions() => Guard(() =>
    {
        using var command = Command(null, "SELECT scope, access, per_call, per_hour, per_day, total, expires_at, granted_at, source FROM permissions ORDER BY scope", []);
        using var r = command.ExecuteReader();
        var list = new List<Permission>();
        while (r.Read())
        {
            if (!PermissionScope.TryParse(r.GetString(0), out var scope, out var error))
            {
                throw new WalletStoreException(WalletStoreException.Corrupt, $"{WalletStoreException.Corrupt}: permission scope: {error}");
            }

            list.Add(new Permission(
                scope,
                r.GetString(1) == "deny" ? PermissionAccess.Deny : PermissionAccess.Allow,
                new SpendingLimits { PerCall = AmountOrNull(r, 2), PerHour = AmountOrNull(r, 3), PerDay = AmountOrNull(r, 4), Total = AmountOrNull(r, 5) },
                r.IsDBNull(6) ? null : DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(6)),
                DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(7)),
                r.GetString(8)));
        }

        return list;
    });

    IReadOnlyDictionary<PermissionScope, SpendCounter> ISpendingStore.LoadCounters() => Guard(() =>
    {
        using var command = Command(null, "SELECT scope, total, hour_window, hour, day_window, day FROM spend", []);
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
    });

    void ISpendingStore.SavePermission(Permission permission) => Guard(() => Execute(
        "INSERT INTO permissions (scope, access, per_call, per_hour, per_day, total, expires_at, granted_at, source) " +
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

    void ISpendingStore.RecordSpend(IReadOnlyList<PermissionScope> scopes, long utia, DateTimeOffset at) => Guard(() =>
    {
        var seconds = at.ToUnixTimeSeconds();
        using var transaction = _connection.BeginTransaction();
        foreach (var scope in scopes)
        {
            Execute(
                transaction,
                "INSERT INTO spend (scope, total, hour_window, hour, day_window, day) VALUES (@scope, @a, @hw, @a, @dw, @a) " +
                "ON CONFLICT (scope) DO UPDATE SET total = spend.total + @a, " +
                "hour = CASE WHEN spend.hour_window = @hw THEN spend.hour + @a ELSE @a END, hour_window = @hw, " +
                "day = CASE WHEN spend.day_window = @dw THEN spend.day + @a ELSE @a END, day_window = @dw",
                ("scope", scope.ToString()), ("a", utia), ("hw", seconds / 3600), ("dw", seconds / 86400));
        }

        transaction.Commit();
        return 0;
    });

    private static object? Utia(Amount? amount) => amount is { } a ? (long)a.Utia : null;

    private static Amount? AmountOrNull(DbDataReader r, int ordinal) => r.IsDBNull(ordinal) ? null : Amount.FromUtia((ulong)r.GetInt64(ordinal));
}
