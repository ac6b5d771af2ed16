namespace Fontana.Sdk.Permissions;

/// <summary>Where a <see cref="SpendingPolicy"/> persists its permissions and spend counters (the wallet store).</summary>
internal interface ISpendingStore
{
    IReadOnlyList<Permission> LoadPermissions();

    IReadOnlyDictionary<PermissionScope, SpendCounter> LoadCounters();

    void SavePermission(Permission permission);

    bool DeletePermission(PermissionScope scope);

    /// <summary>Adds <paramref name="utia"/> to the scopes' counters (windows of <paramref name="at"/>), atomically.</summary>
    void RecordSpend(IReadOnlyList<PermissionScope> scopes, long utia, DateTimeOffset at);
}
