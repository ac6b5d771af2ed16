using Fontana.Core.Crypto;
using Fontana.Sdk.Payments;

namespace Fontana.Sdk.Networks;

/// <summary>
/// One network of a <see cref="FontanaNetworkClient"/>: <c>Fontana:Networks:&lt;name&gt;</c>. Its x402 network id is
/// <c>fontana:&lt;ChainId&gt;</c>; it has one wallet paying on it and one or several nodes (several nodes are used with
/// failover, <see cref="FailoverNodeTransport"/>).
/// </summary>
public sealed class FontanaNetworkOptions
{
    /// <summary>The chain id (<c>GET /v1/info</c> <c>chainId</c>), e.g. <c>fontana-devnet</c>. Required; the nodes must
    /// serve this chain (checked when the network is first used: <c>network-mismatch</c>).</summary>
    public string ChainId { get; set; } = string.Empty;

    /// <summary>The network's nodes, at least one.</summary>
    public IList<FontanaNetworkNodeOptions> Nodes { get; set; } = [];

    /// <summary>How each node is reached. Default <see cref="NodeTransportKind.Http"/>.</summary>
    public NodeTransportKind Transport { get; set; } = NodeTransportKind.Http;

    /// <summary>The wallet key file paying on this network (BRIEF §3: 0600, optionally encrypted). One of
    /// <see cref="WalletPath"/> or <see cref="SigningKey"/> is required.</summary>
    public string? WalletPath { get; set; }

    /// <summary>Passphrase of an encrypted <see cref="WalletPath"/> (prefer the environment, <c>FONTANA__…</c>).</summary>
    public string? WalletPassphrase { get; set; }

    /// <summary>The wallet's key, set in code instead of <see cref="WalletPath"/> (never bound from configuration).</summary>
    public PrivateKey? SigningKey { get; set; }

    /// <summary>Most a single call on this network may cost, fee excluded: <c>"0.002 TIA"</c> or <c>"2000utia"</c>.
    /// Default <c>0.01 TIA</c>.</summary>
    public string MaxPricePerCall { get; set; } = "0.01 TIA";

    /// <summary>The sequencer's public key (hex), pinned: receipts and headers of this network are verified against it and
    /// <see cref="ChainId"/>. Default: read once from the first node's <c>GET /v1/genesis</c> (trust on first use; a genesis
    /// of another chain is refused, <c>network-mismatch</c>).</summary>
    public string? SequencerPublicKey { get; set; }

    /// <summary>Retries, circuit breakers, health checks and node selection across <see cref="Nodes"/>.</summary>
    public FailoverOptions Failover { get; set; } = new();

    /// <summary>Further settings of this network's <see cref="FontanaPayer"/> (store, permissions, sessions, splitting…),
    /// set in code; <c>NodeUrl</c>, the wallet and <c>MaxPricePerCall</c> come from this network. Default: none.</summary>
    public Action<FontanaPayerOptions>? ConfigurePayer { get; set; }

    /// <summary>The x402 network id: <c>fontana:&lt;ChainId&gt;</c>.</summary>
    public string NetworkId => FontanaNetwork.NetworkIdOf(ChainId);
}
