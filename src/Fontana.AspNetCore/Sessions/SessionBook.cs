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
    private readonly Payments.ProviderIdentity _identity;
    private readonly Amount _macCredit;
    private readonly TimeProvider _time;

    public SessionBook(SessionNode node, IOptions<FontanaSessionOptions> options, Payments.ProviderIdentity identity, TimeProvider time)
    {
        _directory = node.Directory;
        _options = options.Value;
        _chainId = identity.ChainId;
        _payee = identity.ProviderKey;
        _identity = identity;
        _macCredit = Amount.FromUtia(_options.MacCreditUtia);
        _time = time;
        _store = new SessionStore(_options.StorePath, _options.SynchronousFull);
        foreach (var row in _store.LoadAll())
        {
            var session = new ProviderSession(row.Terms)
            {
                Latest = row.Latest,
                HighestCounter = Math.Max(row.HighestCounter, row.Latest?.Voucher.Counter ?? 0),
                Authorized = row.Authorized > (row.Latest?.Voucher.Cumulative ?? Amount.Zero) ? row.Authorized : row.Latest?.Voucher.Cumulative ?? Amount.Zero,
                Charged = row.Charged,
                Claimed = row.Claimed,
                Closed = row.Closed,
                NeedsSync = true,
            };
            session.RestoreCounter(session.HighestCounter);
            _sessions[row.Terms.Id] = session;
        }
    }

    public ICollection<ProviderSession> Sessions => _sessions.Values;

    /// <summary>
    /// Checks <paramref name="voucher"/> and holds <paramref name="price"/> for the call. Returns the session, or an
    /// x402 error reason (<c>session-not-found</c>, <c>wrong-payee</c>, <c>session-closed</c>, <c>session-expired</c>,
    /// <c>bad-voucher-signature</c>, <c>bad-voucher-mac</c>, <c>voucher-exceeds-deposit</c>, <c>voucher-replayed</c>,
    /// <c>voucher-inconsistent</c>, <c>voucher-signature-required</c>, <c>voucher-insufficient</c>). A signed voucher is
    /// checked by its signature (a MAC beside it is not needed); a MAC-only one by its MAC, and only within the MAC
    /// credit above the newest signed voucher (docs/x402.md, "MAC vouchers").
    /// </summary>
    public async ValueTask<(ProviderSession? Session, string? Error, string? Detail)> AcceptAsync(PresentedVoucher voucher, Amount price, CancellationToken cancellationToken)
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
        if (voucher.Signed is { } signed)
        {
            if (!signed.Verify(terms.SessionKey, _chainId))
            {
                return (null, ErrorCodes.BadVoucherSignature, $"the voucher is not signed by session {id}'s key");
            }
        }
        else if (MacKeyOf(session) is not { } macKey || !macKey.Verify(voucher.Voucher, voucher.Mac))
        {
            return (null, ErrorCodes.BadVoucherMac, $"the voucher's MAC is not session {id}'s");
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

            var highest = session.HighestCounter;
            if (highest != 0
                && (voucher.Voucher.Counter > highest
                    ? voucher.Voucher.Cumulative < session.Authorized
                    : voucher.Voucher.Cumulative > session.Authorized))
            {
                return (null, ErrorCodes.VoucherInconsistent, "a voucher's cumulative amount must rise with its counter");
            }

            // A counter at or below the last claimed one is refused only when this provider never saw the session's
            // vouchers (a fresh store): otherwise the used-counter window decides, so a voucher that was overtaken in
            // flight by a newer one that got claimed is still taken (it adds no authorization, only pays its call).
            if ((highest == 0 && voucher.Voucher.Counter <= session.Terms.Counter) || session.IsCounterUsed(voucher.Voucher.Counter))
            {
                return (null, ErrorCodes.VoucherReplayed, $"voucher #{voucher.Voucher.Counter} of session {id} was already used");
            }

            // A MAC proves the voucher to this provider only; the ledger pays out against signed vouchers. So a MAC-only
            // voucher may authorize at most the credit beyond what a signed voucher (or a claim) already secures.
            if (voucher.Signed is null)
            {
                var secured = session.Latest is { } latestSigned && latestSigned.Voucher.Cumulative > session.Claimed ? latestSigned.Voucher.Cumulative : session.Claimed;
                if (!Amount.TryAdd(secured, _macCredit, out var ceiling) || voucher.Voucher.Cumulative > ceiling)
                {
                    return (null, ErrorCodes.VoucherSignatureRequired,
                        $"a MAC-only voucher may authorize up to {ceiling.ToUtiaString()} (the newest signed voucher's {secured.ToUtiaString()} plus the credit {_macCredit.ToUtiaString()}); send this voucher signed");
                }
            }

            // Judged before anything changes: a refused voucher leaves the session as it was (its counter stays unused,
            // so the payer may send a larger voucher with the same counter).
            var newest = highest == 0 || voucher.Voucher.Counter > highest;
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
                session.HighestCounter = voucher.Voucher.Counter;
                session.Authorized = voucher.Voucher.Cumulative;
            }

            if (voucher.Signed is { } taken && (session.Latest is null || taken.Voucher.Counter > session.Latest.Voucher.Counter))
            {
                session.Latest = taken;
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
        // Queued under the session's lock, so the store receives a session's snapshots in the order they were taken
        // (the writer keeps the last one of a batch): a later charge is never overwritten by an earlier snapshot.
        lock (session.Sync)
        {
            session.Reserved -= held;
            session.Charged += charge;
            return _store.SaveAsync(Snapshot(session));
        }
    }

    /// <summary>Persists the session after a claim or close.</summary>
    public Task SaveAsync(ProviderSession session)
    {
        lock (session.Sync)
        {
            return _store.SaveAsync(Snapshot(session));
        }
    }

    public ValueTask DisposeAsync() => _store.DisposeAsync();

    /// <summary>The session's MAC key, derived once (one X25519) from the provider's key and the session key; null when
    /// the session key is no usable curve point (then no MAC can verify).</summary>
    private SessionMacKey? MacKeyOf(ProviderSession session)
    {
        if (session.MacKey is { } key)
        {
            return key;
        }

        SessionMacKey derived;
        try
        {
            derived = SessionMacKey.ForPayee(_identity.ChallengeKey, session.Terms.SessionKey, session.Terms.Id, _chainId);
        }
        catch (ArgumentException)
        {
            return null;
        }

        lock (session.Sync)
        {
            session.MacKey ??= derived;
            return session.MacKey;
        }
    }

    private bool IsNearExpiry(SessionState terms, ulong now) => now + (ulong)_options.ExpiryMargin.TotalSeconds >= terms.Expiry;

    private static SessionRow Snapshot(ProviderSession session) =>
        new(session.Terms, session.Latest, session.Charged, session.Claimed, session.Closed) { HighestCounter = session.HighestCounter, Authorized = session.Authorized };
}
