using Fontana.Core;
using Fontana.Core.Errors;
using Microsoft.Extensions.Logging;

namespace Fontana.Sdk.Sessions;

/// <summary>
/// Ends a payer's sessions so no deposit stays locked: <see cref="CloseAsync"/> closes the sessions in use (the
/// provider gets what its receipts said it charged, the rest comes back), and <see cref="ReclaimExpiredAsync"/> takes
/// back what expired sessions on record never paid out. Each session is handled on its own: one that fails is logged
/// and left for the next time, the others go on. A process killed at any step (<see cref="SessionEndCrashPoints"/>) ends
/// the session exactly once when it runs again: the ledger's state of each session, not the record, decides.
/// </summary>
internal sealed class SessionEnder(FontanaClient node, Core.Crypto.PrivateKey walletKey, SessionFileStore? store, TimeProvider time, ILogger logger)
{
    private readonly SessionOpener _opener = new(node, walletKey, time);

    /// <summary>Closes each of <paramref name="sessions"/> still open on the ledger; returns how many were closed.</summary>
    public async Task<int> CloseAsync(IEnumerable<SessionEntry> sessions, CancellationToken cancellationToken)
    {
        var closed = 0;
        foreach (var entry in sessions)
        {
            var session = entry.Session;
            try
            {
                var state = await node.GetSessionAsync(session.Id, cancellationToken).ConfigureAwait(false);
                if (state is not null && state.Status == "open")
                {
                    // Recorded first with what the provider's receipts said it charged (the record is otherwise written
                    // only ahead of vouchers and at dispose): a payer killed before its close is sent closes from this
                    // record when it runs again, and pays the provider no less.
                    await SaveAsync(entry, cancellationToken).ConfigureAwait(false);
                    SessionEndCrashPoints.Reach(SessionEndCrashPoints.CloseBeforeSubmit);
                    await _opener.CloseAsync(session, session.Charged, Amount.ParseUtia(state.Claimed), cancellationToken).ConfigureAwait(false);
                    SessionEndCrashPoints.Reach(SessionEndCrashPoints.CloseAfterSubmit);
                    closed++;
                    SessionLog.Closed(logger, session.Id.ToString(), session.Charged.ToUtiaString());
                }

                // Expired ones are left to reclaim (a close after expiry is refused); gone or closed ones are done.
                if (state is null || state.Status != "expired")
                {
                    session.MarkClosed();
                    store?.Save(session.Id, session.ToJsonAhead(entry.CounterMark, entry.CumulativeMark));
                    SessionEndCrashPoints.Reach(SessionEndCrashPoints.CloseAfterRecord);
                }
            }
            catch (Exception ex) when (ex is FontanaApiException or HttpRequestException)
            {
                SessionLog.EndFailed(logger, session.Id.ToString(), "close", ex);
            }
        }

        return closed;
    }

    /// <summary>Reclaims every session on record that is not closed and whose expiry has passed; returns the total
    /// returned to the wallet.</summary>
    public async Task<Amount> ReclaimExpiredAsync(CancellationToken cancellationToken)
    {
        if (store is null)
        {
            return Amount.Zero;
        }

        var now = (ulong)time.GetUtcNow().ToUnixTimeSeconds();
        var total = Amount.Zero;
        foreach (var session in store.LoadAll())
        {
            using (session)
            {
                if (session.IsClosed || now < session.Expiry)
                {
                    continue;
                }

                try
                {
                    SessionEndCrashPoints.Reach(SessionEndCrashPoints.ReclaimBeforeSubmit);
                    var returned = await _opener.ReclaimAsync(session.Id, cancellationToken).ConfigureAwait(false);
                    SessionEndCrashPoints.Reach(SessionEndCrashPoints.ReclaimAfterSubmit);
                    total += returned;
                    SessionLog.Reclaimed(logger, session.Id.ToString(), returned.ToUtiaString());
                    MarkClosed(session);
                    SessionEndCrashPoints.Reach(SessionEndCrashPoints.ReclaimAfterRecord);
                }
                catch (FontanaPaymentException ex) when (ex.Code is ErrorCodes.SessionClosed or ErrorCodes.SessionNotFound)
                {
                    MarkClosed(session);
                }
                catch (Exception ex) when (ex is FontanaPaymentException or FontanaApiException or HttpRequestException)
                {
                    // Not expired yet by the ledger's clock, or the node cannot be reached: the next start tries again.
                    SessionLog.EndFailed(logger, session.Id.ToString(), "reclaim", ex);
                }
            }
        }

        return total;
    }

    private async Task SaveAsync(SessionEntry entry, CancellationToken cancellationToken)
    {
        if (store is null)
        {
            return;
        }

        await entry.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            store.Save(entry.Session.Id, entry.Session.ToJsonAhead(entry.CounterMark, entry.CumulativeMark));
        }
        finally
        {
            entry.Gate.Release();
        }
    }

    private void MarkClosed(PaymentSession session)
    {
        session.MarkClosed();
        store!.Save(session);
    }
}
