namespace Fontana.Sdk.Permissions;

/// <summary>Whether a scope may be paid at all.</summary>
public enum PermissionAccess
{
    /// <summary>Payments are allowed (within the permission's limits).</summary>
    Allow = 0,

    /// <summary>Every payment is refused with <c>permission-denied</c>.</summary>
    Deny = 1,
}
