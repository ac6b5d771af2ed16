using System.Globalization;
using Fontana.AspNetCore.Sessions;
using Fontana.Core;

namespace Fontana.AspNetCore.Dashboard;

/// <summary>
/// The provider's payment sessions on the dashboard: how many are open or closed, what their vouchers authorized, what
/// calls were charged, what is claimed on the ledger and what is still to claim, and the open sessions with the most
/// charged. Amounts are utia as decimal strings.
/// </summary>
internal sealed record SessionsOverview(
    int Open,
    int Closed,
    string AuthorizedUtia,
    string ChargedUtia,
    string ClaimedUtia,
    string UnclaimedUtia,
    IReadOnlyList<OpenSession> Sessions)
{
    /// <summary>How many open sessions the dashboard lists.</summary>
    public const int Listed = 20;

    public static SessionsOverview From(SessionBook book)
    {
        var open = 0;
        var closed = 0;
        var authorized = Amount.Zero;
        var charged = Amount.Zero;
        var claimed = Amount.Zero;
        var rows = new List<(Amount Charged, OpenSession Row)>();
        foreach (var session in book.Sessions)
        {
            lock (session.Sync)
            {
                authorized += session.Authorized;
                charged += session.Charged;
                claimed += session.Claimed;
                if (session.Closed)
                {
                    closed++;
                    continue;
                }

                open++;
                var terms = session.Terms;
                rows.Add((session.Charged, new OpenSession(
                    terms.Id.ToString(), new Address(terms.Payer).ToString(), Utia(terms.Deposit), Utia(session.Authorized),
                    Utia(session.Charged), Utia(session.Reserved), Utia(session.Claimed),
                    DateTimeOffset.FromUnixTimeSeconds((long)terms.Expiry).ToString("O", CultureInfo.InvariantCulture))));
            }
        }

        var unclaimed = charged > claimed ? charged - claimed : Amount.Zero;
        return new SessionsOverview(
            open, closed, Utia(authorized), Utia(charged), Utia(claimed), Utia(unclaimed),
            [.. rows.OrderByDescending(r => r.Charged.Utia).ThenBy(r => r.Row.Id, StringComparer.Ordinal).Take(Listed).Select(r => r.Row)]);
    }

    private static string Utia(Amount amount) => amount.Utia.ToString(CultureInfo.InvariantCulture);
}

/// <summary>One open session: its id, payer, deposit, the highest voucher's amount, what was charged, held for calls
/// in flight, claimed on the ledger, and when the payer may reclaim (ISO 8601 UTC).</summary>
internal sealed record OpenSession(
    string Id, string Payer, string DepositUtia, string AuthorizedUtia, string ChargedUtia, string ReservedUtia, string ClaimedUtia, string ExpiresAt);
