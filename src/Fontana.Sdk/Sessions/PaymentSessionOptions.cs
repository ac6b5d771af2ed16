using Fontana.Core;

namespace Fontana.Sdk.Sessions;

/// <summary>
/// Payment sessions opened by the SDK itself (<see cref="Payments.FontanaPayerOptions.Sessions"/>, configuration
/// <c>Fontana:Payments:Sessions</c>): when a provider's 402 offers the <c>fontana-session</c> scheme, the payer opens one
/// session for that provider (one ledger transaction), then pays each call with a voucher — no 402 round trip, no ledger
/// write — tops the session up when it runs low, and falls back to one <c>exact</c> payment per call when the provider
/// refuses the session. Permissions, budgets and the per-call maximum price apply to each voucher as to a payment.
/// </summary>
public sealed class PaymentSessionOptions
{
    /// <summary>Open sessions with providers that offer them (default false: every call is an <c>exact</c> payment).</summary>
    public bool Enabled { get; set; }

    /// <summary>The deposit a session is opened with, and what a top-up adds (default 0.1 TIA). A provider's larger
    /// <c>minDeposit</c> wins.</summary>
    public Amount Deposit { get; set; } = Amount.FromUtia(100_000);

    /// <summary>Top the session up when what its deposit has left to authorize falls below this (default 0.01 TIA); a
    /// call that needs more than is left tops up first.</summary>
    public Amount TopUpBelow { get; set; } = Amount.FromUtia(10_000);

    /// <summary>How long a session lives (default 1 h); a top-up pushes its expiry this far from now. A session within
    /// 2 minutes of its expiry is not used again: the next call opens another.</summary>
    public TimeSpan Lifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// Directory where open sessions are kept (one <c>&lt;id&gt;.json</c> file each, mode 0600: it holds the session
    /// key), so a restarted program goes on with its sessions and <c>fontana sessions</c> can list and close them.
    /// A payer with a store reclaims the expired sessions on record when it starts (<see cref="Payments.FontanaPayer.InitializeAsync"/>).
    /// Default: none (sessions live in memory and are closed by <c>DisposeAsync</c>, see <see cref="CloseOnDispose"/>).
    /// </summary>
    public string? StoreDirectory { get; set; }

    /// <summary>
    /// Close the sessions in use when the payer is disposed with <c>DisposeAsync</c> (<c>await using</c>, or a DI
    /// container disposed asynchronously): the provider is paid what it charged and the rest of each deposit comes back.
    /// Default: only when there is no <see cref="StoreDirectory"/> — a session kept only in memory could never be used
    /// again, while one on record is resumed by the next run (and reclaimed by it after its expiry).
    /// </summary>
    public bool? CloseOnDispose { get; set; }

    /// <summary>Whether <see cref="CloseOnDispose"/> applies, its default resolved.</summary>
    internal bool ClosesOnDispose => CloseOnDispose ?? StoreDirectory is null;

    /// <summary>How many vouchers the store records ahead (default 64): the counter and cumulative amount are written
    /// before a voucher beyond the last record is sent, so a restart never reuses a counter.</summary>
    public int RecordAhead { get; set; } = 64;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        if (!Enabled)
        {
            return;
        }

        if (Deposit.IsZero)
        {
            throw new ArgumentException("Fontana:Payments:Sessions:Deposit must be more than 0");
        }

        if (Lifetime < TimeSpan.FromMinutes(5))
        {
            throw new ArgumentException("Fontana:Payments:Sessions:Lifetime must be at least 5 minutes (providers stop taking vouchers near the expiry)");
        }

        if (RecordAhead < 1)
        {
            throw new ArgumentException("Fontana:Payments:Sessions:RecordAhead must be at least 1");
        }
    }
}
