using Fontana.Sdk.Transports;

namespace Fontana.Sdk.Networks;

/// <summary>One node of a network with its weight, for <see cref="FailoverNodeTransport"/>: the node's measured health
/// score is multiplied by <see cref="Weight"/> when the next node is picked.</summary>
/// <param name="Transport">How the node is reached.</param>
/// <param name="Weight">Relative share of the traffic among equally healthy nodes; positive. Default 1.</param>
public sealed record WeightedNodeTransport(INodeTransport Transport, double Weight = 1.0);
