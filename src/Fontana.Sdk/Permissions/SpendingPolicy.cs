using Fontana.Core;

namespace Fontana.Sdk.Permissions;

/// <summary>
/// Permissions and budgets of one wallet, enforced before anything is signed. A payment is checked against every scope
/// it falls in — the provider's <c>payTo</c> address, the API's origin, and the paying app — : a denying permission
/// refuses it (<c>permission-denied</c>), an expired one too (<c>permission-expired</c>), and it must fit every limit
/// of every permission that applies (<c>budget-exceeded</c>, naming the limit). A provider no permission covers is
/// allowed when <see cref="DefaultAccess"/> is allow and no <see cref="PermissionRequestHandler"/> is set; with a
/// handler it is asked once and the answer is kept (and persisted with the wallet store). Checking and reserving
/// happen under one lock, so concurrent calls can never together exceed a limit. A policy over a wallet store
/// (<see cref="Store.WalletStore.CreateSpendingPolicy"/>) keeps no copy: permissions and counters are read from the store,
/// and a payment's check and reservation are one store transaction, so every process sharing the store is held to the
/// same limits together (a payment in flight counts as spent; one that is not made is taken back).
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
            return _store is null ? _permissions.GetValueOrDefault(scope) : _store.LoadPermissions().FirstOrDefault(p => p.Scope == scope);
        }
    }

    /// <summary>All permissions.</summary>
    public IReadOnlyList<Permission> List()
    {
        lock (_lock)
        {
            return _store is null ? [.. _permissions.Values.OrderBy(p => p.Scope.ToString(), StringComparer.Ordinal)] : _store.LoadPermissions();
        }
    }

    /// <summary>What <paramref name="scope"/> has spent.</summary>
    public SpendTotals GetSpent(PermissionScope scope)
    {
        var stored = _store?.LoadCounters().GetValueOrDefault(scope);
        lock (_lock)
        {
            var local = _counters.GetValueOrDefault(scope);
            var now = (stored ?? local)?.Copy() ?? new SpendCounter();
            now.Roll(_time.GetUtcNow());
            return new SpendTotals(scope, Utia(now.Total), Utia(now.Hour), Utia(now.Day), Utia(local?.Reserved ?? 0));
        }
    }

    /// <summary>Checks a payment against every scope it falls in and reserves <paramref name="request"/>'s price + fee
    /// in their budgets; asks <paramref name="handler"/> about a provider no permission covers. With a wallet store the
    /// check and the reservation are one store transaction over the store's permissions and counters, so the processes
    /// sharing the store together stay within every limit.</summary>
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
        var now = _time.GetUtcNow();
        if (_store is not null)
        {
            _store.Reserve(scopes, required, now, (permissions, counters) =>
                Evaluate(scopes, payTo, request.Origin, permissions.GetValueOrDefault, s => counters[s], required, now, DefaultAccess));
            lock (_lock)
            {
                foreach (var scope in scopes)
                {
                    CounterLocked(scope).Reserved += required;
                }
            }

            return new BudgetReservation(this, scopes, required, now);
        }

        lock (_lock)
        {
            Evaluate(scopes, payTo, request.Origin, _permissions.GetValueOrDefault, CounterLocked, required, now, DefaultAccess);
            foreach (var scope in scopes)
            {
                CounterLocked(scope).Reserved += required;
            }
        }

        return new BudgetReservation(this, scopes, required, now);
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
                if (_store is null)
                {
                    counter.Roll(now);
                    counter.Total += reservation.Utia;
                    counter.Hour += reservation.Utia;
                    counter.Day += reservation.Utia;
                }
            }
        }

        // With a store the reservation already counted the payment in the store's counters.
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

        _store?.Unreserve(reservation.Scopes, reservation.Utia, reservation.ReservedAt);
    }

    private bool HasProviderPermission(PermissionScope payTo, PermissionScope origin)
    {
        lock (_lock)
        {
            if (_store is null)
            {
                return _permissions.ContainsKey(payTo) || _permissions.ContainsKey(origin);
            }
        }

        return _store.LoadPermissions().Any(p => p.Scope == payTo || p.Scope == origin);
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

    /// <summary>Refuses a payment a permission denies, an expired permission covers, or that would take a scope over
    /// a limit (counters include what calls in flight reserved); with no provider permission, the default access.</summary>
    private static void Evaluate(
        PermissionScope[] scopes, PermissionScope payTo, string origin, Func<PermissionScope, Permission?> permissionOf,
        Func<PermissionScope, SpendCounter> counterOf, long required, DateTimeOffset now, PermissionAccess defaultAccess)
    {
        var any = false;
        foreach (var scope in scopes)
        {
            if (permissionOf(scope) is not { } permission)
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

            CheckLimits(scope, permission.Limits, counterOf(scope), required, now);
        }

        if (!any && defaultAccess == PermissionAccess.Deny)
        {
            throw new PermissionDeniedException(payTo, $"{PermissionDeniedException.PermissionDeniedCode}: no permission covers {payTo} ({origin}) and the policy denies by default");
        }
    }

    private static void CheckLimits(PermissionScope scope, SpendingLimits limits, SpendCounter counter, long required, DateTimeOffset now)
    {
        if (limits.IsUnlimited)
        {
            return;
        }

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
