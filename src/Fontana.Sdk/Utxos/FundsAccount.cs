using Fontana.Core;

namespace Fontana.Sdk.Utxos;

/// <summary>
/// The wallet's uncommitted funds in one counter of utia, changed only by reservations and net deltas (compare-and-swap,
/// no lock), so "exactly the affordable number of calls succeed" holds under any interleaving.
/// </summary>
internal sealed class FundsAccount
{
    private long _unreserved;

    /// <summary>Funds not committed to calls in flight (never negative when read).</summary>
    public Amount Unreserved => Amount.FromUtia((ulong)Math.Max(0, Volatile.Read(ref _unreserved)));

    /// <summary>The raw counter (may be briefly negative while a refresh's deltas are applied).</summary>
    public long UnreservedUtia => Volatile.Read(ref _unreserved);

    /// <summary>Commits <paramref name="amount"/> if that much is uncommitted; <paramref name="unreserved"/> is what was seen.</summary>
    public bool TryReserve(Amount amount, out long unreserved)
    {
        var wanted = checked((long)amount.Utia);
        while (true)
        {
            unreserved = Volatile.Read(ref _unreserved);
            if (unreserved < wanted)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref _unreserved, unreserved - wanted, unreserved) == unreserved)
            {
                return true;
            }
        }
    }

    /// <summary>Gives a reservation back.</summary>
    public void Unreserve(Amount amount) => Interlocked.Add(ref _unreserved, checked((long)amount.Utia));

    /// <summary>Applies a net change (outputs added or dropped, a call's reservation turned into its real cost).</summary>
    public void Apply(long delta)
    {
        if (delta != 0)
        {
            Interlocked.Add(ref _unreserved, delta);
        }
    }
}
