using Fontana.AspNetCore.Sessions;
using Fontana.Core;
using Fontana.Core.Sessions;
using Fontana.Ledger;

namespace Fontana.Node.X402;

/// <summary>The provider's <see cref="ISessionDirectory"/> over a ledger in the same process: no network round trip.</summary>
public sealed class LedgerSessionDirectory : ISessionDirectory
{
    private readonly Func<ILedger> _ledger;

    /// <summary>Looks sessions up on the ledger <paramref name="ledger"/> returns (resolved on first use).</summary>
    public LedgerSessionDirectory(Func<ILedger> ledger)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        _ledger = ledger;
    }

    /// <inheritdoc />
    public Task<SessionState?> GetSessionAsync(Hash32 sessionId, CancellationToken cancellationToken) =>
        _ledger().GetSessionAsync(sessionId, cancellationToken);
}
