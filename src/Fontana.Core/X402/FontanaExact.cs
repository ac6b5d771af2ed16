using System.Diagnostics.CodeAnalysis;

namespace Fontana.Core.X402;

/// <summary>
/// Fontana's x402 payment kind: scheme <c>exact</c> on CAIP-2 network <c>fontana:&lt;chainId&gt;</c>, asset <c>utia</c>.
/// </summary>
public static class FontanaExact
{
    /// <summary>The x402 scheme Fontana implements.</summary>
    public const string Scheme = "exact";

    /// <summary>The asset: amounts are atomic units of TIA.</summary>
    public const string Asset = "utia";

    /// <summary>The CAIP-2 namespace of Fontana networks.</summary>
    public const string NetworkNamespace = "fontana";

    /// <summary>Longest chain id (docs/protocol.md; CAIP-2 allows as many).</summary>
    public const int MaxChainIdLength = 32;

    /// <summary><c>fontana:&lt;chainId&gt;</c>; throws <see cref="ArgumentException"/> when the chain id is not a CAIP-2 reference.</summary>
    public static string FormatNetwork(string chainId)
    {
        if (!IsChainId(chainId))
        {
            throw new ArgumentException(
                $"chain id \"{chainId}\" is not a Fontana chain id (1-{MaxChainIdLength} characters of a-z 0-9 -, docs/protocol.md)", nameof(chainId));
        }

        return NetworkNamespace + ":" + chainId;
    }

    /// <summary>Extracts the chain id from <c>fontana:&lt;chainId&gt;</c>.</summary>
    public static bool TryParseNetwork([NotNullWhen(true)] string? network, [NotNullWhen(true)] out string? chainId)
    {
        chainId = null;
        if (network is null || !network.StartsWith(NetworkNamespace + ":", StringComparison.Ordinal))
        {
            return false;
        }

        var reference = network[(NetworkNamespace.Length + 1)..];
        if (!IsChainId(reference))
        {
            return false;
        }

        chainId = reference;
        return true;
    }

    /// <summary>A Fontana chain id (docs/protocol.md: 1–32 of <c>[a-z0-9-]</c>), which is also a valid CAIP-2 reference.</summary>
    private static bool IsChainId(string? text) => Encoding.ChainIdFormat.IsValid(text);
}
