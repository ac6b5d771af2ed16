namespace Fontana.Sdk.Monitor;

/// <summary>What the monitor does with a payment of unknown outcome that the node does not have, whose coin is still
/// unspent and which could still be applied (not expired).</summary>
public enum AbsentPaymentAction
{
    /// <summary>Ask again at the next run; once it has expired unapplied it is <c>refused</c> (nothing was paid).</summary>
    WaitForExpiry = 0,

    /// <summary>Spend its coin back to the wallet (one minimum fee): the payment can then never be applied and is
    /// <c>refused</c> at once; if the payment wins the race instead, the cancel is refused and the payment is settled.</summary>
    Cancel = 1,

    /// <summary>Submit the payment's own transaction to the node (the ledger applies a transaction at most once): the
    /// provider is paid even though the call's answer was lost. For payments that matter more than their call.</summary>
    Resend = 2,
}
