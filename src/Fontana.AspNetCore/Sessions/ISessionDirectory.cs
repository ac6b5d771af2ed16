using Fontana.Core;
using Fontana.Core.Sessions;

namespace Fontana.AspNetCore.Sessions;

/// <summary>
/// Where the provider looks up a session it has not seen yet (its terms: payer, payee, key, expiry, deposit). The node
/// registers one over its ledger; a provider with a remote node reads <c>GET /v1/sessions/{id}</c>.
/// </summary>
public interface ISessionDirectory
{
    /// <summary>The session as the ledger has it, or null when no session has this id.</summary>
    Task<SessionState?> GetSessionAsync(Hash32 sessionId, CancellationToken cancellationToken);
}
