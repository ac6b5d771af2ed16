namespace Fontana.Sdk.Permissions;

/// <summary>Where a <see cref="SpendingPolicy"/> keeps its permissions and spend counters (the wallet store), shared by
/// every process that opens the same store.</summary>
internal interface ISpendingStore
{
    IReadOnlyList<Permission> LoadPermissions();

    IReadOnlyDictionary<PermissionScope, SpendCounter> LoadCounters();

    void SavePermission(Permission permission);

    bool DeletePermission(PermissionScope scope);

    /// <summary>In one transaction that excludes every other process's (SQLite <c>BEGIN IMMEDIATE</c>; PostgreSQL row
    /// locks on the scopes' counters, taken in scope order): reads the permissions and counters of
    /// <paramref name="scopes"/> (counters rolled to <paramref name="now"/>), lets <paramref name="check"/> refuse by
    /// throwing (nothing is written then), and adds <paramref name="utia"/> to every scope's counters.</summary>
    void Reserve(IReadOnlyList<PermissionScope> scopes, long utia, DateTimeOffset now, SpendCheck check);

    /// <summary>Takes back a reservation of <paramref name="utia"/> made at <paramref name="reservedAt"/> (the payment was
    /// not made): from the total always, from the hour and day counters while they are still those windows.</summary>
    void Unreserve(IReadOnlyList<PermissionScope> scopes, long utia, DateTimeOffset reservedAt);
}

/// <summary>Decides a payment against the permissions and (rolled) counters of its scopes; throws to refuse.</summary>
internal delegate void SpendCheck(IReadOnlyDictionary<PermissionScope, Permission> permissions, IReadOnlyDictionary<PermissionScope, SpendCounter> counters);
