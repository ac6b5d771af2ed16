namespace Fontana.Sdk.Permissions;

/// <summary>
/// The answer of a <see cref="PermissionRequestHandler"/>: grant (optionally with limits and an expiry) or deny. The
/// decision is cached and persisted as a <see cref="Permission"/> for the provider's <see cref="Scope"/> (by default its
/// <c>payTo</c> address), so the same provider is not asked again.
/// </summary>
public sealed record PermissionDecision
{
    private PermissionDecision(PermissionAccess access, SpendingLimits limits, DateTimeOffset? expiresAt, PermissionScopeKind scope, string? reason)
    {
        Access = access;
        Limits = limits;
        ExpiresAt = expiresAt;
        Scope = scope;
        Reason = reason;
    }

    /// <summary>Allow or deny.</summary>
    public PermissionAccess Access { get; }

    /// <summary>Limits of a grant.</summary>
    public SpendingLimits Limits { get; }

    /// <summary>When the grant ends (null: never).</summary>
    public DateTimeOffset? ExpiresAt { get; }

    /// <summary>Which scope of the request the decision is stored for (<see cref="PermissionScopeKind.PayTo"/> by default).</summary>
    public PermissionScopeKind Scope { get; }

    /// <summary>Why it was denied (shown in the <c>permission-denied</c> error).</summary>
    public string? Reason { get; }

    /// <summary>Allow payments to this provider without limits.</summary>
    public static PermissionDecision Grant(PermissionScopeKind scope = PermissionScopeKind.PayTo) =>
        new(PermissionAccess.Allow, SpendingLimits.None, null, scope, null);

    /// <summary>Allow payments to this provider within <paramref name="limits"/>, until <paramref name="expiresAt"/>.</summary>
    public static PermissionDecision GrantWithLimits(SpendingLimits limits, DateTimeOffset? expiresAt = null, PermissionScopeKind scope = PermissionScopeKind.PayTo)
    {
        ArgumentNullException.ThrowIfNull(limits);
        return new(PermissionAccess.Allow, limits, expiresAt, scope, null);
    }

    /// <summary>Refuse payments to this provider.</summary>
    public static PermissionDecision Deny(string? reason = null, PermissionScopeKind scope = PermissionScopeKind.PayTo) =>
        new(PermissionAccess.Deny, SpendingLimits.None, null, scope, reason);
}
