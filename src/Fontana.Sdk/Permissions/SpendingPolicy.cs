using Fontana.Core;

namespace Fontana.Sdk.Permissions;

/// <summary>
/// Permissions and budgets of one wallet, enforced before anything is signed. A payment is checked against every scope
/// it falls in — the provider's <c>payTo</c> address, the API's origin, and the paying app — : a denying permission
/// refuses it (<c>permission-denied</c>), an expired one too (<c>permission-expired</c>), and it must fit every limit
/// of every permission that applies (<c>budget-exceeded</c>, naming the limit). A provider no permission covers is
/// allowed when <see cref="DefaultAccess"/> is allow and no <see cref="PermissionRequestHandler"/> is set; with a
/// handler it is asked once and the answer is kept (and persisted with the wallet store). Checking and reserving
/// happen under one lock, so concurrent calls can never together exceed a limit.
/// </summary>
public sealed class SpendingPolicy
{
    private readonly Lock _lock = new();
    private readonly Dictionary<PermissionScope, Permission> _permissions = [];
    private readonly Dictionary<PermissionScope, SpendCounter> _counters = [];
    private readonly Dictionary<PermissionScope, Task<PermissionDecision>> _asking = [];
    private readonly TimeProvider _time;
    private readonly ISpendingStore? _store;

    /// <summary>A policy kept in memory only.</summary>
    public SpendingPolicy(TimeProvider? timeProvider = null)
        : this(timeProvider, null)
    {
    }

    internal SpendingPolicy(TimeProvider? timeProvider, ISpendingStore? store)
    {
        _time = timeProvider ?? TimeProvider.System;
        _store = store;
        if (store is not null)
        {
            foreach (var permission in store.LoadPermissions())
            {
                _permissions[permission.Scope] = permission;
            }

            foreach (var (scope, counter) in store.LoadCounters())
            {
                _counters[scope] = counter;
            }
        }
    }

    /// <summary>Whether providers no permission covers may be paid when no handler is set. Default: allow.</summary>
    public PermissionAccess DefaultAccess { get; set; } = PermissionAccess.Allow;

    /// <summary>Sets (or replaces) the permission of its scope.</summary>
    /// <exception cref="ArgumentException">A limit of a denying permission, or an expiry before it was granted.</exception>
    public void Set(Permission permission)
    {
        ArgumentNullException.ThrowIfNull(permission);
        if (permission.ExpiresAt is { } expires && expires <= permission.GrantedAt)
        {
            throw new ArgumentException($"the permission for {permission.Scope} expires before it is granted", nameof(permission));
        }

        lock (_lock)
        {
            _permissions[permission.Scope] = permission;
        }

        _store?.SavePermission(permission);
    }

    /// <summary>Allows <paramref name="scope"/> within <paramref name="limits"/> until <paramref name="expiresAt"/>.</summary>
    public Permission Grant(PermissionScope scope, SpendingLimits? limits = null, DateTimeOffset? expiresAt = null)
    {
        var permission = new Permission(scope, PermissionAccess.Allow, limits ?? SpendingLimits.None, expiresAt, _time.GetUtcNow(), "code");
        Set(permission);
        return permission;
    }

    /// <summary>Refuses every payment in <paramref name="scope"/>.</summary>
    public Permission Deny(PermissionScope scope)
    {
        var permission = new Permission(scope, PermissionAccess.Deny, SpendingLimits.None, null, _time.GetUtcNow(), "code");
        Set(permission);
        return permission;
    }

    /// <summary>Removes the permission of <paramref name="scope"/>; false if there was none. Its spend counters stay.</summary>
    public bool Revoke(PermissionScope scope)
    {
        bool removed;
        lock (_lock)
        {
            removed = _permissions.Remove(scope);
        }

        return (_store?.DeletePermission(scope) ?? false) || removed;
    }

    /// <summary>The permission of <paramref name="scope"/>, if any.</summary>
    public Permission? Get(PermissionScope scope)
    {
        lock (_lock)
        {
            return _permissions.GetValueOrDefault(scope);
        }
    }

    /// <summary>All permissions.</summary>
    public IReadOnlyList<Permission> List()
    {
        lock (_lock)
        {
            return [.. _permissions.Values.OrderBy(p => p.Scope.ToString(), StringComparer.Ordinal)];
        }
    }

    /// <summary>What <paramref name="scope"/> has spent.</summary>
    public SpendTotals GetSpent(PermissionScope scope)
    {
        lock (_lock)
        {
            if (!_counters.TryGetValue(scope, out var counter))
            {
                return new SpendTotals(scope, Amount.Zero, Amount.Zero, Amount.Zero, Amount.Zero);
            }

            var now = counter.Copy();
            now.Roll(_time.GetUtcNow());
            return new SpendTotals(scope, Utia(now.Total), Utia(now.Hour), Utia(now.Day), Utia(now.Reserved));
        }
    }

    /// <summary>Checks a payment against every scope it falls in and reserves <paramref name="request"/>'s price + fee
    /// in their budgets; asks <paramref name="handler"/> about a provider no permission covers.</summary>
    internal async ValueTask<BudgetReservation> AuthorizeAsync(PermissionRequest request, PermissionRequestHandler? handler, CancellationToken cancellationToken)
    {
        var payTo = PermissionScope.ForPayTo(request.PayTo);
        var origin = new PermissionScope(PermissionScopeKind.Origin, request.Origin);
        PermissionScope? app = request.App is null ? null : PermissionScope.ForApp(request.App);
        if (handler is not null && !HasProviderPermission(payTo, origin))
        {
            await AskAsync(request, payTo, origin, handler, cancellationToken).ConfigureAwait(false);
        }

        var required = checked((long)(request.Price + request.Fee).Utia);
        var scopes = app is { } a ? new[] { payTo, origin, a } : new[] { payTo, origin };
        lock (_lock)
        {
            var now = _time.GetUtcNow();
            var any = false;
            foreach (var scope in scopes)
            {
                if (!_permissions.TryGetValue(scope, out var permission))
                {
                    continue;
                }

                any |= scope.Kind != PermissionScopeKind.App;
                if (permission.Access == PermissionAccess.Deny)
                {
                    throw new PermissionDeniedException(scope, $"{PermissionDeniedException.PermissionDeniedCode}: payments to {scope} are denied");
                }

                if (permission.IsExpired(now))
                {
                    throw new PermissionExpiredException(scope, $"{PermissionExpiredException.PermissionExpiredCode}: the permission for {scope} expired at {permission.ExpiresAt:u}");
                }

                CheckLimits(scope, permission.Limits, required, now);
            }

            if (!any && DefaultAccess == PermissionAccess.Deny)
            {
                throw new PermissionDeniedException(payTo, $"{PermissionDeniedException.PermissionDeniedCode}: no permission covers {payTo} ({request.Origin}) and the policy denies by default");
            }

            foreach (var scope in scopes)
            {
                CounterLocked(scope).Reserved += required;
            }
        }

        return new BudgetReservation(this, scopes, required);
    }

    internal void OnCommitted(BudgetReservation reservation)
    {
        var now = _time.GetUtcNow();
        lock (_lock)
        {
            foreach (var scope in reservation.Scopes)
            {
                var counter = CounterLocked(scope);
                counter.Reserved -= reservation.Utia;
                counter.Roll(now);
                counter.Total += reservation.Utia;
                counter.Hour += reservation.Utia;
                counter.Day += reservation.Utia;
            }
        }

        _store?.RecordSpend(reservation.Scopes, reservation.Utia, now);
    }

    internal void OnReleased(BudgetReservation reservation)
    {
        lock (_lock)
        {
            foreach (var scope in reservation.Scopes)
            {
                CounterLocked(scope).Reserved -= reservation.Utia;
            }
        }
    }

    private bool HasProviderPermission(PermissionScope payTo, PermissionScope origin)
    {
        lock (_lock)
        {
            return _permissions.ContainsKey(payTo) || _permissions.ContainsKey(origin);
        }
    }

    /// <summary>Asks the handler once per provider (concurrent calls to the same provider share the question) and
    /// keeps the answer as a permission.</summary>
    private async Task<PermissionDecision> AskAsync(
        PermissionRequest request, PermissionScope payTo, PermissionScope origin, PermissionRequestHandler handler, CancellationToken cancellationToken)
    {
        Task<PermissionDecision> asking;
        lock (_lock)
        {
            if (!_asking.TryGetValue(payTo, out asking!))
            {
                asking = AskAndKeepAsync(request, payTo, origin, handler);
                _asking[payTo] = asking;
            }
        }

        return await asking.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<PermissionDecision> AskAndKeepAsync(PermissionRequest request, PermissionScope payTo, PermissionScope origin, PermissionRequestHandler handler)
    {
        try
        {
            var decision = await handler(request, CancellationToken.None).ConfigureAwait(false)
                ?? throw new InvalidOperationException("the permission request handler returned null");
            var scope = decision.Scope == PermissionScopeKind.Origin ? origin : payTo;
            Set(new Permission(scope, decision.Access, decision.Limits, decision.ExpiresAt, _time.GetUtcNow(), "hook"));
            return decision;
        }
        finally
        {
            lock (_lock)
            {
                _asking.Remove(payTo);
            }
        }
    }

    private void CheckLimits(PermissionScope scope, SpendingLimits limits, long required, DateTimeOffset now)
    {
        if (limits.IsUnlimited)
        {
            return;
        }

        var counter = CounterLocked(scope);
        counter.Roll(now);
        Check(LimitNames.PerCall, limits.PerCall, 0);
        Check(LimitNames.PerHour, limits.PerHour, counter.Hour + counter.Reserved);
        Check(LimitNames.PerDay, limits.PerDay, counter.Day + counter.Reserved);
        Check(LimitNames.Total, limits.Total, counter.Total + counter.Reserved);

        void Check(string name, Amount? limit, long used)
        {
            if (limit is { } max && used + required > (long)max.Utia)
            {
                throw new BudgetExceededException(scope, name, max, Utia(used), Utia(required));
            }
        }
    }

    private SpendCounter CounterLocked(PermissionScope scope)
    {
        if (!_counters.TryGetValue(scope, out var counter))
        {
            counter = new SpendCounter();
            _counters[scope] = counter;
        }

        return counter;
    }

    private static Amount Utia(long utia) => Amount.FromUtia((ulong)Math.Max(0, utia));
}
