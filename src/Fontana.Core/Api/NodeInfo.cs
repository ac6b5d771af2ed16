namespace Fontana.Core.Api;

/// <summary><c>GET /v1/info</c>: the chain's parameters and the current tip.</summary>
public sealed record NodeInfo(
    string ChainId,
    string Network,
    string GenesisHash,
    string SequencerPublicKey,
    string FeeAddress,
    string MinFee,
    long BlockIntervalMs,
    HeaderDto Tip);
