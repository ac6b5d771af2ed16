using System.Collections.Concurrent;
using Fontana.Core;
using Fontana.Core.Errors;
using Fontana.Core.Sessions;
using Microsoft.Extensions.Options;

namespace Fontana.AspNetCore.Sessions;

/// <summary>
/// The provider's session ledger: accepts a voucher for a call (checks it locally, holds the call's maximum price),
/// then commits what the call actually cost (durably, before the response) or releases the hold. No ledger write and
/// no node round trip per call; the node is asked only about a session the provider has not seen.
/// </summary>
internal sealed class SessionBook : IAsyncDisposable
{
    private readonly ConcurrentDictionary<Hash32, ProviderSession> _sessions = new();
    private readonly ISessionDirectory _directory;
    private readonly SessionStore _store;
    private readonly FontanaSessionOptions _options;
    private readonly string _chainId;
    private readonly Core.Crypto.PublicKey _payee;
    private readonly TimeProvider _time;

    public SessionBook(SessionNode node, IOptions<FontanaSessionOptions> options, Payments.ProviderIdentity identity, TimeProvider time)
    {
        _directory = node.Directory;
        _options = options.Value;
        _chainId = identity.ChainId;
        _payee = identity.ProviderKey;
        _time = time;
        _store = new SessionStore(_options.StorePath, _options.SynchronousFull);
        foreach (var row in _store.LoadAll())
        {
            var session = new ProviderSession(row.Terms)
            {
                Latest = row.Latest,
                Authorized = row.Latest?.Voucher.Cumulative ?? Amount.Zero,
                Charged = row.Charged,
                Claimed = row.Claimed,
                Closed = row.Closed,
                NeedsSync = true,
            };
            session.RestoreCounter(row.Latest?.Voucher.Counter ?? 0);
            _sessions[row.Terms.Id] = session;
        }
    }

    public ICollection<ProviderSession> Sessions => _sessions.Values;

    /// <summary>
    /// Checks <paramref name="voucher"/> and holds <paramref name="price"/> for the call. Returns the session, or an
    /// x402 error reason (<c>session-not-found</c>, <c>wrong-payee</c>, <c>session-closed</c>, <c>session-expired</c>,
    /// <c>bad-voucher-signature</c>, <c>voucher-exceeds-deposit</c>, <c>voucher-replayed</c>, <c>voucher-inconsistent</c>,
    /// <c>voucher-insufficient</c>).
    /// </summary>
    public async ValueTask<(ProviderSession? Session, string? Error, string? Detail)> AcceptAsync(SignedVoucher voucher, Amount price, CancellationToken cancellationToken)
    {
        var id = voucher.Voucher.SessionId;
        if (!_sessions.TryGetValue(id, out var session))
        {
            var state = await _directory.GetSessionAsync(id, cancellationToken).ConfigureAwait(false);
            if (state is null)
            {
                return (null, ErrorCodes.SessionNotFound, $"no session {id} on the ledger");
            }

            if (state.Payee != _payee)
            {
                return (null, ErrorCodes.WrongPayee, $"session {id} pays {state.Payee}, not this provider ({_payee})");
            }

            if (state.Deposit.Utia < _options.MinDepositUtia)
            {
                return (null, ErrorCodes.DepositTooSmall, $"this provider takes sessions with at least {_options.MinDepositUtia} utia");
            }

            session = _sessions.GetOrAdd(id, _ => new ProviderSession(state) { Claimed = state.Claimed, Closed = state.Closed });
        }

        var terms = session.Terms;
        if (!voucher.Verify(terms.SessionKey, _chainId))
        {
            return (null, ErrorCodes.BadVoucherSignature, $"the voucher is not signed by session {id}'s key");
        }

        var now = (ulong)_time.GetUtcNow().ToUnixTimeSeconds();
        if (IsNearExpiry(terms, now) || voucher.Voucher.Cumulative > terms.Deposit)
        {
            // The payer may have topped up (more deposit, later expiry): the ledger has the last word. Only a voucher
            // signed by the session key gets here, so nobody else can make the provider ask the node.
            terms = await RefreshTermsAsync(session, cancellationToken).ConfigureAwait(false);
        }

        if (IsNearExpiry(terms, now))
        {
            return (null, ErrorCodes.SessionExpired, $"session {id} expires at {terms.Expiry}; top it up with a later expiry or open another");
        }

        if (voucher.Voucher.Cumulative > terms.Deposit)
        {
            return (null, ErrorCodes.VoucherExceedsDeposit, $"the voucher is for {voucher.Voucher.Cumulative.ToUtiaString()}, the deposit {terms.Deposit.ToUtiaString()}");
        }

        lock (session.Sync)
        {
            if (session.Closed)
            {
                return (null, ErrorCodes.SessionClosed, $"session {id} is closed");
            }

            var latest = session.Latest;
            if (latest is not null
                && (voucher.Voucher.Counter > latest.Voucher.Counter
                    ? voucher.Voucher.Cumulative < latest.Voucher.Cumulative
                    : voucher.Voucher.Cumulative > latest.Voucher.Cumulative))
            {
                return (null, ErrorCodes.VoucherInconsistent, "a voucher's cumulative amount must rise with its counter");
            }

            // A counter at or below the last claimed one is refused only when this provider never saw the session's
            // vouchers (a fresh store): otherwise the used-counter window decides, so a voucher that was overtaken in
            // flight by a newer one that got claimed is still taken (it adds no authorization, only pays its call).
            if ((latest is null && voucher.Voucher.Counter <= session.Terms.Counter) || session.IsCounterUsed(voucher.Voucher.Counter))
            {
                return (null, ErrorCodes.VoucherReplayed, $"voucher #{voucher.Voucher.Counter} of session {id} was already used");
            }

            // Judged before anything changes: a refused voucher leaves the session as it was (its counter stays unused,
            // so the payer may send a larger voucher with the same counter).
            var newest = latest is null || voucher.Voucher.Counter > latest.Voucher.Counter;
            var authorized = newest ? voucher.Voucher.Cumulative : session.Authorized;
            var committed = session.Charged + session.Reserved;
            if (authorized < committed + price)
            {
                return (null, ErrorCodes.VoucherInsufficient,
                    $"the vouchers authorize {authorized.ToUtiaString()}, {session.Charged.ToUtiaString()} is charged and {session.Reserved.ToUtiaString()} held; this call needs {price.ToUtiaString()}");
            }

            session.TryUseCounter(voucher.Voucher.Counter);
            if (newest)
            {
                session.Latest = voucher;
                session.Authorized = voucher.Voucher.Cumulative;
            }

            session.Reserved += price;
        }

        return (session, null, null);
    }

    /// <summary>
    /// Re-reads <paramref name="session"/>'s terms from the ledger (after a top-up, after a restart, after a failed
    /// claim): the deposit, expiry, what was claimed and the last claimed counter; never moves the provider's own
    /// figures backwards. Returns the terms to judge with.
    /// </summary>
    public async Task<SessionState> RefreshTermsAsync(ProviderSession session, CancellationToken cancellationToken)
    {
        var state = await _directory.GetSessionAsync(session.Terms.Id, cancellationToken).ConfigureAwait(false);
        lock (session.Sync)
        {
            if (state is not null)
            {
                session.Claimed = session.Claimed > state.Claimed ? session.Claimed : state.Claimed;
                session.Terms = state with { Counter = Math.Max(state.Counter, session.Terms.Counter) };
                session.Closed |= state.Closed;
            }

            session.NeedsSync = false;
            return session.Terms;
        }
    }

    /// <summary>Ends a call: releases its hold of <paramref name="held"/> and charges <paramref name="charge"/> (0 for a failed call), durably.</summary>
    public Task CompleteAsync(ProviderSession session, Amount held, Amount charge)
    {
        SessionRow row;
        lock (session.Sync)
        {
            session.Reserved -= held;
            session.Charged += charge;
            row = Snapshot(session);
        }

        return _store.SaveAsync(row);
    }

    /// <summary>Persists the session after a claim or close.</summary>
    public Task SaveAsync(ProviderSession session)
    {
        SessionRow row;
        lock (session.Sync)
        {
            row = Snapshot(session);
        }

        return _store.SaveAsync(row);
    }

    public ValueTask DisposeAsync() => _store.DisposeAsync();

    private bool IsNearExpiry(SessionState terms, ulong now) => now + (ulong)_options.ExpiryMargin.TotalSeconds >= terms.Expiry;

    private static SessionRow Snapshot(ProviderSession session) =>
        new(session.Terms, session.Latest, session.Charged, session.Claimed, session.Closed);
}
