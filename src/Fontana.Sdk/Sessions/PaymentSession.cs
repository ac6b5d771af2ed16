using System.Text.Json;
using Fontana.Core;
using Fontana.Core.Crypto;
using Fontana.Core.Sessions;

namespace Fontana.Sdk.Sessions;

/// <summary>
/// The payer's side of one open session: its id, the session key that signs the vouchers, the deposit, and the
/// cumulative amount and counter of the vouchers signed so far. <see cref="NextVoucher"/> is thread-safe: each call gets
/// its own counter and authorizes its maximum price on top of everything before it (the provider charges what the
/// call cost, never more). Persist it with <see cref="ToJson"/> / <see cref="FromJson"/> (the session key is inside:
/// keep the file private).
/// </summary>
public sealed class PaymentSession : IDisposable
{
    private readonly Lock _sync = new();
    private readonly PrivateKey _sessionKey;
    private SessionMacKey? _macKey;
    private Amount _signedCumulative;

    /// <summary>Wraps an open session.</summary>
    public PaymentSession(string chainId, Hash32 id, PrivateKey sessionKey, PublicKey payee, Amount deposit, ulong expiry, Amount cumulative = default, ulong counter = 0)
    {
        ArgumentNullException.ThrowIfNull(sessionKey);
        ChainId = chainId;
        Id = id;
        _sessionKey = sessionKey;
        Payee = payee;
        Deposit = deposit;
        Expiry = expiry;
        Cumulative = cumulative;
        Counter = counter;
    }

    /// <summary>The chain the session is on.</summary>
    public string ChainId { get; }

    /// <summary>The session id (its open transaction's txid).</summary>
    public Hash32 Id { get; }

    /// <summary>The provider's key the session pays.</summary>
    public PublicKey Payee { get; }

    /// <summary>The deposit (open plus top-ups).</summary>
    public Amount Deposit { get; private set; }

    /// <summary>Unix seconds from which the payer can reclaim.</summary>
    public ulong Expiry { get; private set; }

    /// <summary>The total the vouchers signed so far authorize.</summary>
    public Amount Cumulative { get; private set; }

    /// <summary>The counter of the last voucher signed.</summary>
    public ulong Counter { get; private set; }

    /// <summary>What the provider's receipts said it charged in total so far (the highest <c>totalCharged</c> seen).</summary>
    public Amount Charged { get; private set; }

    /// <summary>True once this payer closed the session (or learned that it was closed).</summary>
    public bool IsClosed { get; private set; }

    /// <summary>
    /// The provider's credit for MAC vouchers (its offer's <c>extra.macCredit</c>; 0, the default, signs every voucher).
    /// Above 0, <see cref="NextPresentedVoucher"/> authenticates vouchers with the session's MAC key and signs one only
    /// when the amount since the last signed voucher would pass a quarter of the credit, so the provider always holds a
    /// signed voucher it can claim with, even when calls in flight arrive out of order (docs/x402.md, "MAC vouchers").
    /// </summary>
    public Amount MacCredit { get; set; }

    /// <summary>What is left to authorize before a top-up is needed.</summary>
    public Amount Remaining
    {
        get
        {
            lock (_sync)
            {
                return Deposit - Cumulative;
            }
        }
    }

    /// <summary>The next voucher, authorizing <paramref name="maxPrice"/> more; null when the deposit cannot cover it.</summary>
    public SignedVoucher? NextVoucher(Amount maxPrice)
    {
        Voucher? voucher;
        lock (_sync)
        {
            voucher = AdvanceLocked(maxPrice);
        }

        return voucher?.Sign(_sessionKey, ChainId);
    }

    /// <summary>Under <c>_sync</c>: the next voucher, <paramref name="maxPrice"/> above the cumulative amount (which it
    /// advances, with the counter); null when the session is closed or the deposit cannot cover it.</summary>
    private Voucher? AdvanceLocked(Amount maxPrice)
    {
        if (IsClosed || !Amount.TryAdd(Cumulative, maxPrice, out var next) || next > Deposit)
        {
            return null;
        }

        Cumulative = next;
        Counter++;
        return new Voucher(Id, next, Counter);
    }

    /// <summary>
    /// The next voucher for a call, authorizing <paramref name="maxPrice"/> more: signed, or MAC-only within a quarter of
    /// <see cref="MacCredit"/> since the last signed one; null when the deposit cannot cover it.
    /// </summary>
    public PresentedVoucher? NextPresentedVoucher(Amount maxPrice)
    {
        Voucher voucher;
        bool sign;
        lock (_sync)
        {
            if (AdvanceLocked(maxPrice) is not { } next)
            {
                return null;
            }

            voucher = next;
            sign = MacCredit.IsZero || next.Cumulative.Utia - _signedCumulative.Utia > MacCredit.Utia / 4;
            if (sign)
            {
                _signedCumulative = next.Cumulative;
            }
        }

        return sign ? PresentedVoucher.FromSigned(voucher.Sign(_sessionKey, ChainId)) : PresentedVoucher.FromMac(voucher, MacKey());
    }

    /// <summary>
    /// <paramref name="voucher"/> signed (for a provider that answered <c>voucher-signature-required</c>: the refused
    /// voucher's counter is still unused there, so the same voucher may be sent again, signed).
    /// </summary>
    public PresentedVoucher Signed(Voucher voucher)
    {
        if (voucher.SessionId != Id)
        {
            throw new ArgumentException($"voucher of session {voucher.SessionId}, not {Id}", nameof(voucher));
        }

        lock (_sync)
        {
            if (voucher.Cumulative > _signedCumulative)
            {
                _signedCumulative = voucher.Cumulative;
            }
        }

        return PresentedVoucher.FromSigned(voucher.Sign(_sessionKey, ChainId));
    }

    /// <summary>The session's MAC key (one X25519 with the payee's key, on first use).</summary>
    private SessionMacKey MacKey()
    {
        if (Volatile.Read(ref _macKey) is { } key)
        {
            return key;
        }

        var derived = SessionMacKey.ForPayer(_sessionKey, Payee, Id, ChainId);
        if (Interlocked.CompareExchange(ref _macKey, derived, null) is { } raced)
        {
            derived.Dispose();
            return raced;
        }

        return derived;
    }

    /// <summary>Records a top-up that the ledger accepted.</summary>
    public void AddDeposit(Amount amount, ulong newExpiry)
    {
        lock (_sync)
        {
            Deposit += amount;
            Expiry = Math.Max(Expiry, newExpiry);
        }
    }

    /// <summary>Records a provider's receipt saying it charged <paramref name="total"/> on this session so far.</summary>
    public void RecordCharged(Amount total)
    {
        lock (_sync)
        {
            if (total > Charged)
            {
                Charged = total;
            }
        }
    }

    /// <summary>Marks the session closed: no more vouchers.</summary>
    public void MarkClosed()
    {
        lock (_sync)
        {
            IsClosed = true;
        }
    }

    /// <summary>The last voucher again (for a close by the payer), or null before any.</summary>
    public SignedVoucher? LastVoucher()
    {
        lock (_sync)
        {
            return Counter == 0 ? null : new Voucher(Id, Cumulative, Counter).Sign(_sessionKey, ChainId);
        }
    }

    /// <summary>The session as JSON, session key seed included.</summary>
    public string ToJson()
    {
        lock (_sync)
        {
            return Serialize(Counter, Cumulative);
        }
    }

    /// <summary>The session as JSON with the counter and cumulative amount recorded ahead (at least the current ones),
    /// so that a session read back never signs a counter already used.</summary>
    internal string ToJsonAhead(ulong counterAhead, Amount cumulativeAhead)
    {
        lock (_sync)
        {
            return Serialize(Math.Max(counterAhead, Counter), cumulativeAhead > Cumulative ? cumulativeAhead : Cumulative);
        }
    }

    private string Serialize(ulong counter, Amount cumulative) => JsonSerializer.Serialize(new Stored(
        ChainId, Id.ToString(), Convert.ToHexStringLower(_sessionKey.ExportSeed()), Payee.ToString(),
        Deposit.Utia, Expiry, cumulative.Utia, counter) { ChargedUtia = Charged.Utia, Closed = IsClosed });

    /// <summary>Reads <see cref="ToJson"/>'s output.</summary>
    public static PaymentSession FromJson(string json)
    {
        var s = JsonSerializer.Deserialize<Stored>(json) ?? throw new FormatException("empty session record");
        return new PaymentSession(
            s.ChainId, Hash32.Parse(s.Id), PrivateKey.FromSeed(Convert.FromHexString(s.SessionKeySeed)), PublicKey.Parse(s.Payee),
            Amount.FromUtia(s.DepositUtia), s.Expiry, Amount.FromUtia(s.CumulativeUtia), s.Counter)
        {
            Charged = Amount.FromUtia(s.ChargedUtia),
            IsClosed = s.Closed,
        };
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _sessionKey.Dispose();
        _macKey?.Dispose();
    }

    private sealed record Stored(string ChainId, string Id, string SessionKeySeed, string Payee, ulong DepositUtia, ulong Expiry, ulong CumulativeUtia, ulong Counter)
    {
        public ulong ChargedUtia { get; init; }

        public bool Closed { get; init; }
    }
}
