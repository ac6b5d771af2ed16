namespace Fontana.Sdk.Networks;

/// <summary>
/// Picks the node for the next attempt: nodes whose circuit is open are left out (unless all are), nodes already
/// tried by this request come last; the rest are scored by health — success rate squared × normalised latency
/// (fastest node's latency / this node's) × the node's configured weight — the <c>k</c> best kept, and one drawn at random in proportion to its score.
/// </summary>
internal static class NodeSelector
{
    public static NodeEndpoint Pick(IReadOnlyList<NodeEndpoint> nodes, IReadOnlyCollection<NodeEndpoint> tried, int k, Random random)
    {
        var candidates = Filter(nodes, n => n.IsAvailable && !tried.Contains(n));
        if (candidates.Count == 0)
        {
            candidates = Filter(nodes, n => n.IsAvailable);
        }

        if (candidates.Count == 0)
        {
            candidates = Filter(nodes, n => !tried.Contains(n));
        }

        if (candidates.Count == 0)
        {
            candidates = [.. nodes];
        }

        if (candidates.Count == 1)
        {
            return candidates[0];
        }

        var fastest = double.MaxValue;
        foreach (var node in candidates)
        {
            var latency = node.Health.LatencyMs;
            if (!double.IsNaN(latency))
            {
                fastest = Math.Min(fastest, Math.Max(latency, 0.01));
            }
        }

        var scored = new List<(NodeEndpoint Node, double Score)>(candidates.Count);
        foreach (var node in candidates)
        {
            var latency = node.Health.LatencyMs;
            var latencyScore = double.IsNaN(latency) || fastest == double.MaxValue ? 1.0 : fastest / Math.Max(latency, 0.01);
            var success = node.Health.SuccessRate;
            scored.Add((node, Math.Max(success * success * latencyScore * node.Weight, 1e-6)));
        }

        scored.Sort(static (a, b) => b.Score.CompareTo(a.Score));
        var count = Math.Clamp(k, 1, scored.Count);
        var total = 0.0;
        for (var i = 0; i < count; i++)
        {
            total += scored[i].Score;
        }

        var draw = random.NextDouble() * total;
        for (var i = 0; i < count; i++)
        {
            draw -= scored[i].Score;
            if (draw <= 0)
            {
                return scored[i].Node;
            }
        }

        return scored[count - 1].Node;
    }

    private static List<NodeEndpoint> Filter(IReadOnlyList<NodeEndpoint> nodes, Func<NodeEndpoint, bool> keep)
    {
        var result = new List<NodeEndpoint>(nodes.Count);
        foreach (var node in nodes)
        {
            if (keep(node))
            {
                result.Add(node);
            }
        }

        return result;
    }
}
