namespace Fontana.Node.Options;

/// <summary>
/// <c>Fontana:Follower</c>: a read-only follower node (docs/operations.md, "Follower nodes"). With
/// <see cref="SequencerUrl"/> set the node seals nothing and holds no keys: it syncs the chain from DA
/// (<c>Fontana:DataAvailability</c>, opened read-only when local) and from the sequencer's HTTP API and
/// <c>/v1/stream</c>, verifying every block, and forwards submissions to the sequencer.
/// </summary>
public sealed class FollowerOptions
{
    /// <summary>The sequencer's base URL (<c>http://host:port</c>). Null (default): this node is a sequencer.</summary>
    public string? SequencerUrl { get; set; }

    /// <summary>Subscribe to the sequencer's <c>/v1/stream</c> headers to fetch each block as soon as it is sealed.
    /// Default true; without it the follower polls every <see cref="PollInterval"/>.</summary>
    public bool UseStream { get; set; } = true;

    /// <summary>How often DA and the sequencer are polled when no stream header woke the follower. Default 1 s.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Timeout of one request to the sequencer (blocks, headers, forwarded submissions). Default 10 s.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The chain's genesis hash (hex). When set, a follower starting on an empty store refuses any other
    /// genesis; when null, the genesis comes from <c>{DataDir}/genesis.json</c>, else from the sequencer's block 0
    /// (trust on first use), else from DA.</summary>
    public string? GenesisHash { get; set; }

    /// <summary>The first DA height to read on a new store (Celestia height of the chain's first blob, or local
    /// record 1). Default 1.</summary>
    public ulong DaStartHeight { get; set; } = 1;

    /// <summary>True when <see cref="SequencerUrl"/> is set.</summary>
    public bool IsEnabled => !string.IsNullOrWhiteSpace(SequencerUrl);
}
