using Fontana.Core.Encoding;

namespace Fontana.Core.Validation;

/// <summary>What stateless validation needs to know about the chain and the time.</summary>
/// <param name="ChainId">The chain this node serves; transactions for any other chain are <c>wrong-chain</c>.</param>
/// <param name="NowUnixSeconds">The current time in unix seconds (from an injected <see cref="TimeProvider"/>).</param>
/// <param name="MinFee">The chain's minimum fee for transfers and withdrawals.</param>
public readonly record struct ValidationContext(string ChainId, ulong NowUnixSeconds, Amount MinFee)
{
    /// <summary>A context at <paramref name="time"/>'s current UTC time.</summary>
    public static ValidationContext At(string chainId, TimeProvider time, Amount minFee)
    {
        ArgumentNullException.ThrowIfNull(time);
        ChainIdFormat.ThrowIfInvalid(chainId, nameof(chainId));
        return new ValidationContext(chainId, (ulong)Math.Max(0, time.GetUtcNow().ToUnixTimeSeconds()), minFee);
    }
}
