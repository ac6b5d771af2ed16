namespace Fontana.Sdk.Store;

/// <summary>Where a payment recorded in the wallet store stands. Final states: <see cref="Settled"/>,
/// <see cref="Refused"/>, <see cref="Unproven"/>.</summary>
public enum PaymentState
{
    /// <summary>Signed and being sent; its outcome is not known yet.</summary>
    Pending = 0,

    /// <summary>Sent, but the provider did not say whether it settled: the node decides.</summary>
    Unknown = 1,

    /// <summary>Applied by the ledger (provisional receipt; <see cref="PaymentRecord.FinalReceipt"/> once proven).</summary>
    Settled = 2,

    /// <summary>Not applied, and never will be (refused, or expired unapplied): nothing was spent.</summary>
    Refused = 3,

    /// <summary>Applied, but its final receipt could not be fetched or verified within the attempt limit.</summary>
    Unproven = 4,
}
