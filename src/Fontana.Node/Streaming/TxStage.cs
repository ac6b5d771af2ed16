namespace Fontana.Node.Streaming;

/// <summary>The stages of a transaction's <c>tx</c> events, in the only order a subscriber sees them.</summary>
internal enum TxStage
{
    /// <summary>Nothing sent yet.</summary>
    None = 0,

    /// <summary>Accepted, not yet in a block.</summary>
    Pending = 1,

    /// <summary>In a sealed block.</summary>
    Sealed = 2,

    /// <summary>Its block is posted to DA.</summary>
    Posted = 3,
}

/// <summary>Names of <see cref="TxStage"/> on the wire.</summary>
internal static class TxStages
{
    public static string Name(TxStage stage) => stage switch
    {
        TxStage.Pending => "pending",
        TxStage.Sealed => "sealed",
        TxStage.Posted => "posted",
        _ => throw new ArgumentOutOfRangeException(nameof(stage), stage, "no event for this stage"),
    };

    public static TxStage Parse(string status) => status switch
    {
        "pending" => TxStage.Pending,
        "sealed" => TxStage.Sealed,
        "posted" => TxStage.Posted,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "not a tx status"),
    };
}
