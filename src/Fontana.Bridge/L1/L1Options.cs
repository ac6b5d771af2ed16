namespace Fontana.Bridge.L1;

/// <summary>
/// Where the bridge reaches the L1, bound from <c>Bridge:L1</c>: a celestia-node for balances and payouts
/// (<c>state</c> JSON-RPC, the node's key is the vault) and a consensus node's REST API for finding deposits.
/// </summary>
public sealed class L1Options
{
    /// <summary>celestia-node RPC address. Default <c>http://127.0.0.1:26658</c>.</summary>
    public string RpcUrl { get; set; } = "http://127.0.0.1:26658";

    /// <summary>The celestia-node JWT with write permission (<c>celestia light auth write</c>), sent as
    /// <c>Authorization: Bearer</c>. Default null (a node started with <c>--rpc.skip-auth</c>).</summary>
    public string? AuthToken { get; set; }

    /// <summary>Cosmos SDK REST (gRPC-gateway) address of a consensus node with transaction indexing on.
    /// Default <c>http://127.0.0.1:1317</c>.</summary>
    public string RestUrl { get; set; } = "http://127.0.0.1:1317";

    /// <summary>gRPC address of a consensus node (celestia-app's <c>grpc.address</c>, port 9090), for its gas estimator:
    /// what a payout costs when <see cref="GasPrice"/> is unset. Default <c>http://127.0.0.1:9090</c>.</summary>
    public string GrpcUrl { get; set; } = "http://127.0.0.1:9090";

    /// <summary>Timeout of one call. <c>state.Transfer</c> answers once the transaction is included, so allow a few
    /// blocks. Default 60 s.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Gas price in utia per gas unit for payouts (sent with <c>is_gas_price_set: true</c>). Default null: the
    /// node estimates.</summary>
    public double? GasPrice { get; set; }

    /// <summary>Highest gas price the node's estimate may reach (celestia-node <c>max_gas_price</c>). Default null
    /// (sent as 0: the node's default cap).</summary>
    public double? MaxGasPrice { get; set; }

    /// <summary>Results per page of the transfer search (cosmos-sdk caps <c>limit</c> at 100). Default 100.</summary>
    public int PageSize { get; set; } = 100;
}
