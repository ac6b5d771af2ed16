using System.Collections.Concurrent;
using Fontana.Core;
using Fontana.Core.Crypto;
using Fontana.Core.Encoding;
using Fontana.Core.Sessions;
using Fontana.Core.Transactions;
using Fontana.Sdk.Payments;
using Fontana.Sdk.Utxos;
using Microsoft.Extensions.Logging;

namespace Fontana.Sdk.Sessions;

/// <summary>
/// A payer's sessions, one per provider (payee key): opened and topped up from the wallet's outputs through the payer's
/// UTXO allocator (so they never race its payments for a coin), recorded ahead in the <see cref="SessionFileStore"/>,
/// and the price of each route learned from 402s so that a known route is paid with a voucher on the first request.
/// </summary>
internal sealed class SessionPayer
{
    private static readonly TimeSpan ExpiryGuard = TimeSpan.FromMinutes(2);
    private readonly FontanaPayer _payer;
    private readonly PaymentSessionOptions _options;
    private readonly SessionFileStore? _store;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<PublicKey, SessionEntry> _byPayee = new();
    private readonly ConcurrentDictionary<string, (PublicKey Payee, Amount Price)> _routes = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _opening = new(1, 1);
    private readonly ILogger _logger;

    public SessionPayer(FontanaPayer payer, PaymentSessionOptions options, TimeProvider time, ILogger logger)
    {
        _payer = payer;
        _options = options;
        _time = time;
        _logger = logger;
        if (options.StoreDirectory is { } directory)
        {
            _store = new SessionFileStore(directory);
            foreach (var session in _store.LoadAll())
            {
                if (IsUsable(session) && (!_byPayee.TryGetValue(session.Payee, out var known) || known.Session.Expiry < session.Expiry))
                {
                    _byPayee[session.Payee] = new SessionEntry(session, session.Counter, session.Cumulative);
                }
            }
        }
    }

    /// <summary>Sessions this payer holds (open or not), for inspection.</summary>
    public IEnumerable<PaymentSession> Sessions => _byPayee.Values.Select(e => e.Session);

    /// <summary>The route's provider and price when a 402 taught them, and an open session with that provider.</summary>
    public bool TryGetKnown(Uri url, out SessionEntry entry, out Amount price)
    {
        entry = null!;
        price = Amount.Zero;
        if (!_routes.TryGetValue(RouteOf(url), out var route) || !_byPayee.TryGetValue(route.Payee, out var known) || !IsUsable(known.Session))
        {
            return false;
        }

        entry = known;
        price = route.Price;
        return true;
    }

    public void Learn(Uri url, PublicKey payee, Amount price) => _routes[RouteOf(url)] = (payee, price);

    /// <summary>The open session with <paramref name="payee"/>, opening one (deposit at least <paramref name="minDeposit"/>) when there is none.</summary>
    public async Task<SessionEntry> GetOrOpenAsync(PublicKey payee, Amount minDeposit, Amount price, CancellationToken cancellationToken)
    {
        if (_byPayee.TryGetValue(payee, out var entry) && IsUsable(entry.Session))
        {
            return entry;
        }

        await _opening.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_byPayee.TryGetValue(payee, out entry) && IsUsable(entry.Session))
            {
                return entry;
            }

            var deposit = Largest(_options.Deposit, minDeposit, price);
            var sessionKey = PrivateKey.Generate();
            var expiry = (ulong)_time.GetUtcNow().Add(_options.Lifetime).ToUnixTimeSeconds();
            PaymentSession? opened = null;
            await SpendAsync(
                deposit,
                chainId => new TransactionBuilder(chainId).WithSessionOpen(new SessionOpenTerms(payee, sessionKey.PublicKey, expiry, deposit)),
                tx =>
                {
                    // Recorded before the deposit is locked: the session key is never lost with the money in it.
                    opened = new PaymentSession(_payer.Chain.ChainId, tx.TxId, sessionKey, payee, deposit, expiry);
                    _store?.Save(opened);
                },
                cancellationToken).ConfigureAwait(false);
            entry = new SessionEntry(opened!, 0, Amount.Zero);
            _byPayee[payee] = entry;
            return entry;
        }
        finally
        {
            _opening.Release();
        }
    }

    /// <summary>Tops <paramref name="entry"/> up (by <see cref="PaymentSessionOptions.Deposit"/>, expiry pushed out) when what
    /// it has left is below <see cref="PaymentSessionOptions.TopUpBelow"/> or <paramref name="price"/>.</summary>
    public async Task EnsureFundsAsync(SessionEntry entry, Amount price, CancellationToken cancellationToken)
    {
        if (!NeedsTopUp(entry.Session, price))
        {
            return;
        }

        await entry.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var session = entry.Session;
            if (!NeedsTopUp(session, price))
            {
                return;
            }

            var amount = Largest(_options.Deposit, price, Amount.Zero);
            var expiry = Math.Max(session.Expiry, (ulong)_time.GetUtcNow().Add(_options.Lifetime).ToUnixTimeSeconds());
            await SpendAsync(
                amount,
                chainId => new TransactionBuilder(chainId).WithSessionTopUp(new SessionTopUpTerms(session.Id, amount, expiry)),
                _ => { },
                cancellationToken).ConfigureAwait(false);
            session.AddDeposit(amount, expiry);
            _store?.Save(session.Id, session.ToJsonAhead(entry.CounterMark, entry.CumulativeMark));
        }
        finally
        {
            entry.Gate.Release();
        }
    }

    /// <summary>Records the session ahead of <paramref name="voucher"/> before it is sent, when it goes past the last record.</summary>
    public async ValueTask RecordAheadAsync(SessionEntry entry, Voucher voucher, Amount price, CancellationToken cancellationToken)
    {
        if (_store is null || !entry.IsBeyondRecord(voucher))
        {
            return;
        }

        await entry.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (entry.IsBeyondRecord(voucher))
            {
                var ahead = (ulong)_options.RecordAhead;
                var counter = voucher.Counter + ahead;
                var cumulative = Amount.TryAdd(voucher.Cumulative, Amount.FromUtia(checked(price.Utia * ahead)), out var sum) && sum < entry.Session.Deposit
                    ? sum
                    : entry.Session.Deposit;
                _store.Save(entry.Session.Id, entry.Session.ToJsonAhead(counter, cumulative));
                entry.CounterMark = counter;
                entry.CumulativeMark = cumulative;
            }
        }
        finally
        {
            entry.Gate.Release();
        }
    }

    /// <summary>Stops using <paramref name="entry"/> (the provider refused it); <paramref name="closed"/> also records it closed.</summary>
    public void Drop(SessionEntry entry, bool closed)
    {
        _byPayee.TryRemove(new KeyValuePair<PublicKey, SessionEntry>(entry.Session.Payee, entry));
        if (closed)
        {
            entry.Session.MarkClosed();
            _store?.Save(entry.Session.Id, entry.Session.ToJsonAhead(entry.CounterMark, entry.CumulativeMark));
        }
    }

    /// <summary>Closes the sessions in use (the provider is paid what it charged, the rest comes back) and stops using
    /// them; returns how many the ledger closed.</summary>
    public async Task<int> CloseAllAsync(CancellationToken cancellationToken)
    {
        var entries = _byPayee.Values.ToList();
        foreach (var entry in entries)
        {
            _byPayee.TryRemove(new KeyValuePair<PublicKey, SessionEntry>(entry.Session.Payee, entry));
        }

        return await Ender().CloseAsync(entries, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reclaims the expired sessions on record (<see cref="PaymentSessionOptions.StoreDirectory"/>); returns
    /// what came back.</summary>
    public Task<Amount> ReclaimExpiredAsync(CancellationToken cancellationToken) => Ender().ReclaimExpiredAsync(cancellationToken);

    private SessionEnder Ender() => new(_payer.Node, _payer.SigningKey, _store, _time, _logger);

    /// <summary>Writes every session's record with what the provider's receipts said was charged (at dispose).</summary>
    public void Flush()
    {
        if (_store is null)
        {
            return;
        }

        foreach (var entry in _byPayee.Values)
        {
            entry.Gate.Wait();
            try
            {
                _store.Save(entry.Session.Id, entry.Session.ToJsonAhead(entry.CounterMark, entry.CumulativeMark));
            }
            finally
            {
                entry.Gate.Release();
            }
        }
    }

    private async Task SpendAsync(Amount amount, Func<string, TransactionBuilder> start, Action<Transaction> beforeSubmit, CancellationToken cancellationToken)
    {
        await _payer.EnsureInitializedAsync(cancellationToken).ConfigureAwait(false);
        var chain = _payer.Chain;
        var fee = chain.MinFee;
        var lease = await _payer.Allocator.AcquireAsync(amount + fee, cancellationToken).ConfigureAwait(false);
        OutPoint? change = null;
        try
        {
            var builder = start(chain.ChainId).WithFee(fee).AddInput(lease.OutPoint);
            var changeAmount = lease.Amount - amount - fee;
            if (!changeAmount.IsZero)
            {
                builder.AddOutput(_payer.Address, changeAmount);
            }

            var tx = builder.Sign(_payer.SigningKey);
            if (!changeAmount.IsZero)
            {
                change = new OutPoint(tx.TxId, 0);
                _payer.Utxos.TryAdd(change.Value, changeAmount, UtxoStatus.Pending);
            }

            _payer.RememberOwn(tx.TxId);
            beforeSubmit(tx);
            await _payer.Node.SubmitTransactionAsync(TransactionCodec.Encode(tx), cancellationToken).ConfigureAwait(false);
            lease.Settle(change, changeAmount);
        }
        catch (InputSpentException)
        {
            lease.Discard();
            Forget(change);
            throw;
        }
        catch
        {
            lease.Release();
            Forget(change);
            throw;
        }
    }

    private void Forget(OutPoint? change)
    {
        if (change is { } c)
        {
            _payer.Utxos.Remove(c);
        }
    }

    private bool NeedsTopUp(PaymentSession session, Amount price) =>
        session.Remaining < price || session.Remaining < _options.TopUpBelow;

    private bool IsUsable(PaymentSession session) =>
        !session.IsClosed && session.ChainId == (_payer.ChainOrNull?.ChainId ?? session.ChainId)
        && (ulong)_time.GetUtcNow().Add(ExpiryGuard).ToUnixTimeSeconds() < session.Expiry;

    private static Amount Largest(Amount a, Amount b, Amount c)
    {
        var ab = a > b ? a : b;
        return ab > c ? ab : c;
    }

    private static string RouteOf(Uri url) => url.GetLeftPart(UriPartial.Path);
}

/// <summary>One session in use, with how far its record on disk reaches (counter and cumulative amount).</summary>
internal sealed class SessionEntry(PaymentSession session, ulong counterMark, Amount cumulativeMark)
{
    public PaymentSession Session { get; } = session;

    /// <summary>Serializes top-ups and record writes of this session.</summary>
    public SemaphoreSlim Gate { get; } = new(1, 1);

    public ulong CounterMark { get; set; } = counterMark;

    public Amount CumulativeMark { get; set; } = cumulativeMark;

    public bool IsBeyondRecord(Voucher voucher) => voucher.Counter > CounterMark || voucher.Cumulative > CumulativeMark;
}
