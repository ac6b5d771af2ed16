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

    /// <summary>Longest chain id a CAIP-2 reference allows.</summary>
    public const int MaxChainIdLength = 32;

    /// <summary><c>fontana:&lt;chainId&gt;</c>; throws <see cref="ArgumentException"/> when the chain id is not a CAIP-2 reference.</summary>
    public static string FormatNetwork(string chainId)
    {
        if (!IsChainId(chainId))
        {
            throw new ArgumentException(
                $"chain id \"{chainId}\" is not a CAIP-2 reference (1-{MaxChainIdLength} characters of a-z A-Z 0-9 - _)", nameof(chainId));
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

    private static bool IsChainId(string? text)
    {
        if (string.IsNullOrEmpty(text) || text.Length > MaxChainIdLength)
        {
            return false;
        }

        foreach (var c in text)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            {
                return false;
            }
        }

        return true;
    }
}
