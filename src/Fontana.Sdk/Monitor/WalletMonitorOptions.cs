namespace Fontana.Sdk.Monitor;

/// <summary>Settings of the <see cref="WalletMonitor"/> (section <c>Fontana:Payments:Monitor</c>). Every interval
/// is a <see cref="TimeSpan"/>; <see cref="Validate"/> names the offending key.</summary>
public sealed class WalletMonitorOptions
{
    /// <summary>Run the monitor in a payer that has a store.</summary>
    /// <value>Default true.</value>
    public bool Enabled { get; set; } = true;

    /// <summary>How often <c>check-for-proofs</c> looks for settled payments without a final receipt.</summary>
    /// <value>Default 10 s.</value>
    public TimeSpan ProofCheckInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Least time between two attempts at one payment's final receipt (and after it settled): about a
    /// block interval, so a payment is sealed before it is asked for.</summary>
    /// <value>Default 10 s.</value>
    public TimeSpan ProofRetryDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Attempts at a payment's final receipt before it is marked <c>unproven</c>.</summary>
    /// <value>Default 30 (at the default delay, five minutes).</value>
    public int MaxProofAttempts { get; set; } = 30;

    /// <summary>How often <c>send-waiting</c> looks for payments whose outcome is unknown.</summary>
    /// <value>Default 15 s.</value>
    public TimeSpan OutcomeCheckInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How long a payment stays <c>pending</c>/<c>unknown</c> before the monitor asks the node about it
    /// (a live call in flight is left to its own process).</summary>
    /// <value>Default 60 s.</value>
    public TimeSpan OutcomeMinAge { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Added to a transaction's expiry before its absence from the ledger counts as final (clock skew).</summary>
    /// <value>Default 30 s.</value>
    public TimeSpan ExpiryMargin { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>What <c>send-waiting</c> does with a payment the node does not have, whose coin is unspent and which
    /// has not expired yet.</summary>
    /// <value>Default <see cref="AbsentPaymentAction.WaitForExpiry"/>.</value>
    public AbsentPaymentAction AbsentPayments { get; set; } = AbsentPaymentAction.WaitForExpiry;

    /// <summary>How often <c>sync-when-idle</c> checks whether the wallet has been idle.</summary>
    /// <value>Default 5 s.</value>
    public TimeSpan IdleCheckInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long without payments before the outputs are refreshed from the node (and at most how often).</summary>
    /// <value>Default 60 s.</value>
    public TimeSpan IdleAfter { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Most payments one run of a task handles.</summary>
    /// <value>Default 256.</value>
    public int BatchSize { get; set; } = 256;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        Positive(ProofCheckInterval, nameof(ProofCheckInterval));
        Positive(OutcomeCheckInterval, nameof(OutcomeCheckInterval));
        Positive(IdleCheckInterval, nameof(IdleCheckInterval));
        Positive(IdleAfter, nameof(IdleAfter));
        if (ProofRetryDelay < TimeSpan.Zero || OutcomeMinAge < TimeSpan.Zero || ExpiryMargin < TimeSpan.Zero)
        {
            throw new ArgumentException("Fontana:Payments:Monitor:ProofRetryDelay, OutcomeMinAge and ExpiryMargin must not be negative");
        }

        if (MaxProofAttempts is < 1 or > 10_000)
        {
            throw new ArgumentException("Fontana:Payments:Monitor:MaxProofAttempts must be between 1 and 10000");
        }

        if (BatchSize is < 1 or > 100_000)
        {
            throw new ArgumentException("Fontana:Payments:Monitor:BatchSize must be between 1 and 100000");
        }

        if (!Enum.IsDefined(AbsentPayments))
        {
            throw new ArgumentException("Fontana:Payments:Monitor:AbsentPayments must be WaitForExpiry, Cancel or Resend");
        }
    }

    private static void Positive(TimeSpan value, string name)
    {
        if (value <= TimeSpan.Zero)
        {
            throw new ArgumentException($"Fontana:Payments:Monitor:{name} must be positive");
        }
    }
}
