using Fontana.Core;
using Fontana.Core.Sessions;

namespace Fontana.AspNetCore.Sessions;

/// <summary>
/// One session on the provider's books: its terms, the newest voucher's counter and amount (what the payer authorized),
/// the newest *signed* voucher (what can be claimed), what was charged, held for calls in flight, and claimed on the
/// ledger. Guarded by its own lock; never held across I/O.
/// </summary>
internal sealed class ProviderSession(SessionState terms)
{
    /// <summary>Counters below the highest seen by more than this are refused as stale (replay window).</summary>
    public const int CounterWindow = 4096;

    private readonly HashSet<ulong> _recentCounters = [];

    public Lock Sync { get; } = new();

    /// <summary>The payer's address and its bech32m text, made once (the receipt of every call names the payer).</summary>
    public Address PayerAddress { get; } = new(terms.Payer);

    /// <summary><see cref="PayerAddress"/> as text.</summary>
    public string PayerText => _payerText ??= PayerAddress.ToString();

    /// <summary>The session id as hex, made once.</summary>
    public string IdText => _idText ??= Terms.Id.ToString();

    private string? _payerText;
    private string? _idText;

    public SessionState Terms { get; set; } = terms;

    /// <summary>The signed voucher with the highest counter (the one to claim with).</summary>
    public SignedVoucher? Latest { get; set; }

    /// <summary>The highest counter of any voucher taken, signed or MAC-only (0 before any).</summary>
    public ulong HighestCounter { get; set; }

    /// <summary>The cumulative amount of the voucher with <see cref="HighestCounter"/>: what the payer authorized.</summary>
    public Amount Authorized { get; set; }

    /// <summary>The session's MAC key (derived on the first MAC voucher), or null.</summary>
    public SessionMacKey? MacKey { get; set; }

    /// <summary>What a claim can take in total: the charges, up to the newest signed voucher's amount.</summary>
    public Amount Claimable => Latest is null ? Amount.Zero : (Charged < Latest.Voucher.Cumulative ? Charged : Latest.Voucher.Cumulative);

    /// <summary>Committed charges (calls that succeeded).</summary>
    public Amount Charged { get; set; }

    /// <summary>Held for calls in flight (their maximum price).</summary>
    public Amount Reserved { get; set; }

    /// <summary>Claimed on the ledger (what <see cref="SessionState.Claimed"/> says after our claims).</summary>
    public Amount Claimed { get; set; }

    /// <summary>The ledger's view must be read again before the next claim (restored from the store, or a claim failed:
    /// a claim may have landed without being recorded).</summary>
    public bool NeedsSync { get; set; }

    /// <summary>A claim or close is in flight.</summary>
    public bool Claiming { get; set; }

    /// <summary>Closed on the ledger (by us or the payer): no more vouchers.</summary>
    public bool Closed { get; set; }

    /// <summary>True when <paramref name="counter"/> was already used or is older than the window (a replay).</summary>
    public bool IsCounterUsed(ulong counter)
    {
        var highest = HighestCounter;
        return (highest > CounterWindow && counter <= highest - CounterWindow) || _recentCounters.Contains(counter);
    }

    /// <summary>Records <paramref name="counter"/>; false when it was already used or is older than the window (a replay).</summary>
    public bool TryUseCounter(ulong counter)
    {
        if (IsCounterUsed(counter))
        {
            return false;
        }

        var highest = HighestCounter;
        if (!_recentCounters.Add(counter))
        {
            return false;
        }

        if (_recentCounters.Count > 2 * CounterWindow)
        {
            _recentCounters.RemoveWhere(c => c + CounterWindow < highest);
        }

        return true;
    }

    /// <summary>Marks counters up to <paramref name="counter"/> used (restored from the store: all earlier vouchers are spent).</summary>
    public void RestoreCounter(ulong counter)
    {
        for (var c = counter > CounterWindow ? counter - CounterWindow : 1; c <= counter; c++)
        {
            _recentCounters.Add(c);
        }
    }
}
