using System.Globalization;
using Fontana.Core;
using Fontana.Core.Api;
using Fontana.Core.Errors;
using Fontana.Core.Sessions;
using Fontana.Node.Api;
using Fontana.Node.Chain;

namespace Fontana.Node.Sessions;

/// <summary><c>GET /v1/sessions/{id}</c>: a payment session's status, deposit, claims, counter and expiry (docs/x402.md).</summary>
internal static class SessionEndpoints
{
    public static void MapSessions(this RouteGroupBuilder v1)
    {
        v1.MapGet("/sessions/{id}", Session).WithName("GetSession")
            .WithSummary("A payment session: open | expired | closed, payer, payee, deposit, claimed, locked, last claimed counter, expiry.")
            .Produces<SessionDto>().ProducesProblem(400).ProducesProblem(404);
    }

    /// <summary>The DTO of <paramref name="state"/> at <paramref name="nowSeconds"/> (unix seconds).</summary>
    public static SessionDto ToDto(SessionState state, ulong nowSeconds) => new(
        state.Id.ToString(),
        state.Closed ? "closed" : nowSeconds >= state.Expiry ? "expired" : "open",
        new Address(state.Payer).ToString(),
        new Address(state.Payee).ToString(),
        state.Payee.ToString(),
        state.SessionKey.ToString(),
        state.Expiry,
        Utia(state.Deposit),
        Utia(state.Claimed),
        Utia(state.Locked),
        state.Counter);

    private static async Task<IResult> Session(string id, NodeLedger node, TimeProvider time, CancellationToken ct)
    {
        if (!RouteValues.TryTxId(id, out var sessionId, out var problem))
        {
            return problem;
        }

        var state = await node.Ledger.GetSessionAsync(sessionId, ct);
        return state is null
            ? ApiProblems.Create(StatusCodes.Status404NotFound, ErrorCodes.SessionNotFound, $"no session {sessionId} on this ledger")
            : TypedResults.Ok(ToDto(state, (ulong)time.GetUtcNow().ToUnixTimeSeconds()));
    }

    private static string Utia(Amount amount) => amount.Utia.ToString(CultureInfo.InvariantCulture);
}
