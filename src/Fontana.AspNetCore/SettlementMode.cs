namespace Fontana.AspNetCore;

/// <summary>How a provider settles the payments it accepts.</summary>
public enum SettlementMode
{
    /// <summary>Through an <see cref="Settlement.IPaymentLedger"/> in this process (provider co-located with the node).</summary>
    InProcess = 0,

    /// <summary>Through the node's x402 facilitator API (<c>POST {NodeUrl}/v1/x402/settle</c>).</summary>
    Remote = 1,
}
