using Fontana.Bridge.L1;
using Fontana.Core.Bridge;

namespace Fontana.Node.Options;

/// <summary>
/// <c>Fontana:Bridge:L1</c>: where the node's bridge daemons reach Celestia and how they behave. The daemons run only
/// when <see cref="VaultAddress"/> is set (docs/bridge.md, "Running the bridge").
/// </summary>
public sealed class BridgeL1Options
{
    /// <summary>The vault account on L1 (<c>celestia1…</c>): the account of the celestia-node's key, where deposits go
    /// and payouts come from. Default null: the bridge daemons are off.</summary>
    public string? VaultAddress { get; set; }

    /// <summary>celestia-node <c>state</c> JSON-RPC address. Default <c>http://127.0.0.1:26658</c>.</summary>
    public string RpcUrl { get; set; } = "http://127.0.0.1:26658";

    /// <summary>celestia-node JWT with write permission (<c>celestia light auth write</c>). Default null.</summary>
    public string? AuthToken { get; set; }

    /// <summary>Cosmos SDK REST address of a consensus node with tx indexing on. Default <c>http://127.0.0.1:1317</c>.</summary>
    public string RestUrl { get; set; } = "http://127.0.0.1:1317";

    /// <summary>gRPC address of a consensus node (port 9090), whose gas estimator prices <c>l1Fee</c> in
    /// <c>GET /v1/bridge-info</c> while <see cref="GasPrice"/> is unset. Default <c>http://127.0.0.1:9090</c>.</summary>
    public string GrpcUrl { get; set; } = "http://127.0.0.1:9090";

    /// <summary>Timeout of one L1 call (a payout answers once included). Default 60 s.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>L1 blocks a deposit needs (its own block counts as 1) before it is minted. Default 2; range 1–1000.</summary>
    public int Confirmations { get; set; } = 2;

    /// <summary>Time between two passes of each daemon. Default 6 s; range 10 ms – 10 min.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(6);

    /// <summary>L1 blocks after a payout's recorded intent before a payout not found on L1 may be sent again; at least the
    /// consensus nodes' mempool <c>ttl-num-blocks</c>. Default 20; range 1–100000.</summary>
    public int MempoolWindowBlocks { get; set; } = 20;

    /// <summary>Vault balance (utia) under which the low-vault alert is raised (it is raised too whenever the vault cannot
    /// cover the next payout). Default 0: only the second rule.</summary>
    public ulong LowVaultUtia { get; set; }

    /// <summary>Gas price (utia per gas) for payouts; null lets the celestia-node estimate (it asks the consensus node's
    /// gas estimator, as <c>GET /v1/bridge-info</c> does through <see cref="GrpcUrl"/>). Default null.</summary>
    public double? GasPrice { get; set; }

    /// <summary>Directory of the bridge's two SQLite files (<c>bridge-deposits.db</c>, <c>bridge-withdrawals.db</c>).
    /// Default null: the node's data dir.</summary>
    public string? StoreDir { get; set; }

    /// <summary>A devnet's L1 simulator (its <c>POST /simulator/transfer</c> route), published in <c>GET /v1/bridge-info</c>
    /// so <c>fontana deposit</c> can send from the faucet. Default null (never set against Celestia).</summary>
    public string? FaucetUrl { get; set; }

    /// <summary>The devnet faucet's L1 account. Default null.</summary>
    public string? FaucetAddress { get; set; }

    /// <summary>True when the daemons should run.</summary>
    public bool IsEnabled => !string.IsNullOrWhiteSpace(VaultAddress);

    /// <summary>The client options of <c>Fontana.Bridge</c>.</summary>
    public L1Options ToClientOptions() => new()
    {
        RpcUrl = RpcUrl,
        AuthToken = AuthToken,
        RestUrl = RestUrl,
        GrpcUrl = GrpcUrl,
        RequestTimeout = RequestTimeout,
        GasPrice = GasPrice,
    };

    internal static void Check(List<string> errors, BridgeL1Options o, string key)
    {
        if (!o.IsEnabled)
        {
            return;
        }

        if (!CelestiaAddress.TryParse(o.VaultAddress, out _, out var error))
        {
            errors.Add($"{key}:VaultAddress must be a celestia1… account address: {error}");
        }

        foreach (var (name, url) in new[] { ("RpcUrl", o.RpcUrl), ("RestUrl", o.RestUrl), ("GrpcUrl", o.GrpcUrl) })
        {
            if (!Uri.TryCreate(url, UriKind.Absolute, out var u) || (u.Scheme != Uri.UriSchemeHttp && u.Scheme != Uri.UriSchemeHttps))
            {
                errors.Add($"{key}:{name} must be an absolute http(s) URL (got '{url}')");
            }
        }

        if (o.Confirmations is < 1 or > 1000)
        {
            errors.Add($"{key}:Confirmations must be between 1 and 1000 (got {o.Confirmations})");
        }

        if (o.PollInterval < TimeSpan.FromMilliseconds(10) || o.PollInterval > TimeSpan.FromMinutes(10))
        {
            errors.Add($"{key}:PollInterval must be between 00:00:00.010 and 00:10:00 (got {o.PollInterval})");
        }

        if (o.MempoolWindowBlocks is < 1 or > 100_000)
        {
            errors.Add($"{key}:MempoolWindowBlocks must be between 1 and 100000 (got {o.MempoolWindowBlocks})");
        }

        if (o.RequestTimeout <= TimeSpan.Zero || o.RequestTimeout > TimeSpan.FromMinutes(10))
        {
            errors.Add($"{key}:RequestTimeout must be between 00:00:00 (exclusive) and 00:10:00 (got {o.RequestTimeout})");
        }
    }
}
