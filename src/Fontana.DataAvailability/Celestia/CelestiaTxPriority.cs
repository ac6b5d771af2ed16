namespace Fontana.DataAvailability.Celestia;

/// <summary>celestia-node's <c>TxPriority</c> (<c>state/txclient/tx_config.go</c>): which gas price the node estimates
/// from the last 5 blocks. Sent as <c>tx_priority</c> 1, 2 or 3.</summary>
public enum CelestiaTxPriority
{
    /// <summary>The price at the end of the lowest 10 %.</summary>
    Low = 1,

    /// <summary>The mean price (the node's default).</summary>
    Medium = 2,

    /// <summary>The price at the start of the top 10 %.</summary>
    High = 3,
}
