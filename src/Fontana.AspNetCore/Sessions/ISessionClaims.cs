namespace Fontana.AspNetCore.Sessions;

/// <summary>
/// The provider's session claims, as a host may drive them: the claimer settles session charges on the ledger in
/// batches by itself (<see cref="FontanaSessionOptions.ClaimInterval"/>); a host that stops, or a benchmark that wants
/// every charge settled now, calls <see cref="ClaimDueAsync"/>. Registered by <c>AddFontanaSessions</c>.
/// </summary>
public interface ISessionClaims
{
    /// <summary>Claims and closes that the ledger accepted since start-up.</summary>
    long ClaimCount { get; }

    /// <summary>Claims (and closes, near expiry) what is due now; <paramref name="all"/> claims every session with
    /// anything unclaimed. Returns how many claims were submitted.</summary>
    Task<int> ClaimDueAsync(bool all, CancellationToken cancellationToken);
}
