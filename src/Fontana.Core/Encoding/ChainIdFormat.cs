namespace Fontana.Core.Encoding;

/// <summary>The chain id rule: 1 to 32 ASCII characters from <c>[a-z0-9-]</c>, e.g. <c>fontana-devnet-1</c>.</summary>
public static class ChainIdFormat
{
    /// <summary>Shortest chain id: 1 character.</summary>
    public const int MinLength = 1;

    /// <summary>Longest chain id: 32 characters (it is encoded after a one-byte length in every transaction and header).</summary>
    public const int MaxLength = 32;

    // Decoded chain ids are almost always the same one: reuse the last string instead of allocating per decode.
    private static string? s_last;

    /// <summary>True when <paramref name="chainId"/> follows the chain id rule.</summary>
    public static bool IsValid(string? chainId)
    {
        if (chainId is null || chainId.Length is < MinLength or > MaxLength)
        {
            return false;
        }

        foreach (var c in chainId)
        {
            if (!IsAllowed(c))
            {
                return false;
            }
        }

        return true;
    }

    internal static bool IsValid(ReadOnlySpan<byte> ascii)
    {
        if (ascii.Length is < MinLength or > MaxLength)
        {
            return false;
        }

        foreach (var b in ascii)
        {
            if (!IsAllowed((char)b))
            {
                return false;
            }
        }

        return true;
    }

    internal static void ThrowIfInvalid(string chainId, string paramName)
    {
        ArgumentNullException.ThrowIfNull(chainId, paramName);
        if (!IsValid(chainId))
        {
            throw new ArgumentException(
                $"chain id \"{chainId}\" is invalid: it must be {MinLength} to {MaxLength} characters from [a-z0-9-]", paramName);
        }
    }

    /// <summary>The string for already-validated ASCII bytes, reusing the previous one when equal.</summary>
    internal static string GetString(ReadOnlySpan<byte> ascii)
    {
        var last = s_last;
        if (last is not null && last.Length == ascii.Length && EqualsAscii(last, ascii))
        {
            return last;
        }

        var created = System.Text.Encoding.ASCII.GetString(ascii);
        s_last = created;
        return created;
    }

    private static bool EqualsAscii(string text, ReadOnlySpan<byte> ascii)
    {
        for (var i = 0; i < ascii.Length; i++)
        {
            if (text[i] != ascii[i])
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsAllowed(char c) => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-';
}
