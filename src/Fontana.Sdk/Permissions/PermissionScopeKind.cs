namespace Fontana.Sdk.Permissions;

/// <summary>What a <see cref="PermissionScope"/> names.</summary>
public enum PermissionScopeKind
{
    /// <summary>A provider, by the address its payments go to.</summary>
    PayTo = 0,

    /// <summary>A provider, by the origin (<c>scheme://host:port</c>) of the API called.</summary>
    Origin = 1,

    /// <summary>A paying app: the named client the call goes through.</summary>
    App = 2,
}
