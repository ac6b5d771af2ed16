namespace Fontana.Sdk.Permissions;

/// <summary>One payment's hold on its scopes' budgets. Ends exactly once: <see cref="Commit"/> (the payment was
/// applied: the amount is spent) or <see cref="Release"/> (it was not: the amount is free again).</summary>
internal sealed class BudgetReservation
{
    private readonly SpendingPolicy _policy;
    private int _ended;

    internal BudgetReservation(SpendingPolicy policy, PermissionScope[] scopes, long utia, DateTimeOffset reservedAt)
    {
        _policy = policy;
        Scopes = scopes;
        Utia = utia;
        ReservedAt = reservedAt;
    }

    /// <summary>When it was reserved (the hour and day windows it counts in).</summary>
    public DateTimeOffset ReservedAt { get; }

    public PermissionScope[] Scopes { get; }

    public long Utia { get; }

    public void Commit()
    {
        if (Interlocked.Exchange(ref _ended, 1) == 0)
        {
            _policy.OnCommitted(this);
        }
    }

    public void Release()
    {
        if (Interlocked.Exchange(ref _ended, 1) == 0)
        {
            _policy.OnReleased(this);
        }
    }
}
