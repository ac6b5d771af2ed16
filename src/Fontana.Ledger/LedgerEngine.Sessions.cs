using Fontana.Core;
using Fontana.Core.Sessions;

namespace Fontana.Ledger;

/// <summary>Session queries: the writer's session table (immutable states), readable from any thread.</summary>
public sealed partial class LedgerEngine
{
    /// <inheritdoc />
    public Task<SessionState?> GetSessionAsync(Hash32 sessionId, CancellationToken cancellationToken = default) =>
        Task.FromResult(_sessions.GetValueOrDefault(sessionId));
}
