using System.Text.Json;
using Fontana.Core.Crypto;
using Fontana.Sdk.Internal;
using Fontana.Sdk.Transports;

namespace Fontana.Sdk;

/// <summary>
/// What receipts and headers are checked against, offline: the chain id and the sequencer's public key. Pin them
/// (<c>new ChainTrust(chainId, key)</c>, e.g. from a genesis file you trust) or read them once from a node's
/// <c>GET /v1/genesis</c> (<see cref="FromGenesisAsync(INodeTransport, CancellationToken)"/>: trust on first use of that node).
/// </summary>
/// <param name="ChainId">The chain id (the <c>&lt;chainId&gt;</c> of <c>fontana:&lt;chainId&gt;</c>).</param>
/// <param name="SequencerKey">The key that signs receipts and block headers.</param>
public sealed record ChainTrust(string ChainId, PublicKey SequencerKey)
{
    /// <summary>Reads the chain id and sequencer key from the genesis document <paramref name="transport"/>'s node runs.</summary>
    /// <exception cref="FontanaApiException"><c>node-unreachable</c>, the node's code, or <c>bad-response</c> when the
    /// document has no valid <c>chainId</c> / <c>sequencerPublicKey</c>.</exception>
    public static async Task<ChainTrust> FromGenesisAsync(INodeTransport transport, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(transport);
        var response = await transport.SendAsync(NodeRequest.Get("v1/genesis"), cancellationToken).ConfigureAwait(false);
        if (response.Status is < 200 or > 299)
        {
            throw ProblemReader.Create(response);
        }

        try
        {
            using var genesis = JsonDocument.Parse(response.Body);
            var root = genesis.RootElement;
            var chainId = root.GetProperty("chainId").GetString();
            var key = root.GetProperty("sequencerPublicKey").GetString();
            if (string.IsNullOrEmpty(chainId) || !PublicKey.TryParse(key, out var sequencer))
            {
                throw BadGenesis(transport, "chainId or sequencerPublicKey is missing or invalid", null);
            }

            return new ChainTrust(chainId, sequencer);
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw BadGenesis(transport, ex.Message, ex);
        }
    }

    /// <summary>As <see cref="FromGenesisAsync(INodeTransport, CancellationToken)"/>, through <paramref name="client"/>'s transport.</summary>
    public static Task<ChainTrust> FromGenesisAsync(FontanaClient client, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        return FromGenesisAsync(client.Transport, cancellationToken);
    }

    private static FontanaApiException BadGenesis(INodeTransport transport, string reason, Exception? inner) =>
        new(FontanaApiException.BadResponseCode, 200, $"{FontanaApiException.BadResponseCode}: the genesis document of {transport.Name} could not be read ({reason})", null, inner);
}
