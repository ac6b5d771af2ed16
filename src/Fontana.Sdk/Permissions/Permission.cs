namespace Fontana.Sdk.Permissions;

/// <summary>A rule for one scope: allow (within <see cref="Limits"/>) or deny, until <see cref="ExpiresAt"/>.</summary>
/// <param name="Scope">The provider or app it applies to.</param>
/// <param name="Access">Allow or deny.</param>
/// <param name="Limits">Spending limits (ignored when denied).</param>
/// <param name="ExpiresAt">After this instant payments in the scope are refused with <c>permission-expired</c>; null: never.</param>
/// <param name="GrantedAt">When it was set.</param>
/// <param name="Source">Who set it: <c>code</c>, <c>cli</c> or <c>hook</c> (a grant from <see cref="PermissionRequestHandler"/>).</param>
public sealed record Permission(
    PermissionScope Scope, PermissionAccess Access, SpendingLimits Limits, DateTimeOffset? ExpiresAt, DateTimeOffset GrantedAt, string Source)
{
    /// <summary>True when <see cref="ExpiresAt"/> has passed at <paramref name="now"/>.</summary>
    public bool IsExpired(DateTimeOffset now) => ExpiresAt is { } expires && now >= expires;
}
