using Fontana.Core;

namespace Fontana.Sdk.Transports;

/// <summary>One node API request: <see cref="Method"/> (<c>GET</c> | <c>POST</c>), <see cref="Path"/> relative to the node's
/// root (<c>v1/info</c>), an optional JSON <see cref="Body"/>, and for a submission the <see cref="TxId"/> that makes
/// sending it again safe (a failover first asks another node whether it already has that transaction).</summary>
/// <param name="Method"><c>GET</c> or <c>POST</c>.</param>
/// <param name="Path">Path relative to the node's root, e.g. <c>v1/transactions</c>.</param>
/// <param name="Body">UTF-8 JSON body (empty for GET).</param>
/// <param name="TxId">The transaction a <c>POST v1/transactions</c> submits.</param>
public sealed record NodeRequest(string Method, string Path, ReadOnlyMemory<byte> Body = default, Hash32? TxId = null)
{
    /// <summary>A GET of <paramref name="path"/>.</summary>
    public static NodeRequest Get(string path) => new("GET", path);

    /// <summary>True for requests that change nothing and may be sent to any node again.</summary>
    public bool IsRead => Method == "GET";

    /// <summary>A read whose answer must include accepted transactions not yet sealed in a block (a wallet's outputs and
    /// balance, an output's or a transaction's status, a session): only the sequencer has them, so a failover sends these
    /// to a sequencer while one is up, and to a follower (sealed state only) when none is.</summary>
    public bool ReadsPendingState => IsRead && (Path.StartsWith("v1/addresses/", StringComparison.Ordinal)
        || Path.StartsWith("v1/utxos/", StringComparison.Ordinal) || Path.StartsWith("v1/transactions/", StringComparison.Ordinal)
        || Path.StartsWith("v1/sessions/", StringComparison.Ordinal) || Path.StartsWith("v1/withdrawals", StringComparison.Ordinal));
}
