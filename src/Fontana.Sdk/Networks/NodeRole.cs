namespace Fontana.Sdk.Networks;

/// <summary>What a node of a network is, as its <c>GET /v1/info</c> says (<c>role</c>).</summary>
public enum NodeRole
{
    /// <summary>Not learnt yet (the node has not answered <c>/v1/info</c>, or is older than the field): treated as a sequencer.</summary>
    Unknown,

    /// <summary>The node that accepts and seals transactions: its reads include accepted, not yet sealed ones.</summary>
    Sequencer,

    /// <summary>A read-only follower: serves sealed blocks, forwards submissions to the sequencer.</summary>
    Follower,
}
