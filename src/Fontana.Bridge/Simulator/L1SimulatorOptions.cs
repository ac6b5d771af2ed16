using Fontana.Core.Bridge;

namespace Fontana.Bridge.Simulator;

/// <summary>The simulator's knobs; tests flip them while it runs.</summary>
public sealed class L1SimulatorOptions
{
    /// <summary>The account whose key the simulated celestia-node holds: the bridge's vault.</summary>
    public required CelestiaAddress Vault { get; init; }

    /// <summary>The bearer token the JSON-RPC demands; null accepts any request (<c>--rpc.skip-auth</c>).</summary>
    public string? AuthToken { get; init; }

    /// <summary>Keep the chain in this JSON file across restarts (the devnet). Default null: in memory only.</summary>
    public string? StateFile { get; init; }

    /// <summary>Produce an empty block this often, so confirmations accrue as on a real chain (the devnet). Default null:
    /// blocks only come with transactions and <see cref="L1Simulator.ProduceBlocks"/> (tests).</summary>
    public TimeSpan? BlockTime { get; init; }

    /// <summary>What the gas estimator answers, in utia per gas. Default 0.004: celestia-app's default minimum gas price
    /// (<c>pkg/appconsts/initial_consts.go</c> <c>DefaultMinGasPrice</c>), which the real estimator returns while the
    /// mempool is not congested. Tests raise it to simulate congestion.</summary>
    public double EstimatedGasPrice { get; set; } = 0.004;

    /// <summary>Answer every request HTTP 503 (an outage); the gas estimator answers gRPC <c>Unavailable</c>.</summary>
    public bool Down { get; set; }

    /// <summary>Answer searches <c>transaction indexing is disabled</c> (a celestia-app node with the default indexer "null").</summary>
    public bool IndexingDisabled { get; set; }

    /// <summary>Fail this many <c>state.Transfer</c> calls (before anything is sent) with a transient error.</summary>
    public int FailTransfers { get; set; }

    /// <summary>Called after each payout is included, before the answer is written (crash tests stop the caller here).</summary>
    internal Action<SimulatedTx>? OnTransfer { get; set; }
}
