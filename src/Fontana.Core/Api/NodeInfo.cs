namespace Fontana.Core.Api;

/// <summary><c>GET /v1/info</c>: the chain's parameters, the current tip, and the node's <see cref="Role"/>:
/// <c>sequencer</c> (accepts and seals transactions; its reads include accepted, not yet sealed ones) or <c>follower</c>
/// (a read-only replica of sealed blocks that forwards submissions to the sequencer). Null from nodes older than the field.</summary>
public sealed record NodeInfo(
    string ChainId,
    string Network,
    string GenesisHash,
    string SequencerPublicKey,
    string FeeAddress,
    string MinFee,
    long BlockIntervalMs,
    HeaderDto Tip,
    string? Role = null)
{
    /// <summary><see cref="Role"/> of a node that seals.</summary>
    public const string SequencerRole = "sequencer";

    /// <summary><see cref="Role"/> of a read-only follower node.</summary>
    public const string FollowerRole = "follower";
}
