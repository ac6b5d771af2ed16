namespace Fontana.DataAvailability.Celestia;

/// <summary>
/// Celestia version-0 namespaces: 29 bytes = version 0 ‖ 18 zero bytes ‖ a 10-byte id (go-square <c>share/namespace.go</c>).
/// Ids whose first 9 bytes are zero fall in the primary reserved range and are refused.
/// </summary>
internal static class CelestiaNamespace
{
    public const int Size = 29;
    public const int IdSize = 10;
    public const int ZeroPrefixSize = 18;

    /// <summary>Parses the 20-hex-character id; returns null with a reason when it is not a usable version-0 id.</summary>
    public static byte[]? TryFromIdHex(string? idHex, out string? error)
    {
        if (idHex is null || idHex.Length != IdSize * 2 || !IsHex(idHex))
        {
            error = "must be 20 hex characters (a 10-byte version-0 namespace id)";
            return null;
        }

        var id = Convert.FromHexString(idHex);
        if (id.AsSpan(0, IdSize - 1).IndexOfAnyExcept((byte)0) < 0)
        {
            error = "is in Celestia's reserved namespace range (its first 9 bytes are zero)";
            return null;
        }

        var ns = new byte[Size];
        id.CopyTo(ns.AsSpan(1 + ZeroPrefixSize));
        error = null;
        return ns;
    }

    public static byte[] FromIdHex(string idHex) =>
        TryFromIdHex(idHex, out var error) ?? throw new ArgumentException($"namespace id \"{idHex}\" {error}", nameof(idHex));

    /// <summary>Whether 29 bytes are a version-0 namespace (version byte 0, 18 zero bytes).</summary>
    public static bool IsVersionZero(ReadOnlySpan<byte> ns) =>
        ns.Length == Size && ns[0] == 0 && ns.Slice(1, ZeroPrefixSize).IndexOfAnyExcept((byte)0) < 0;

    /// <summary>The id of a version-0 namespace as 20 lowercase hex characters.</summary>
    public static string IdHex(ReadOnlySpan<byte> ns) => Convert.ToHexStringLower(ns[(1 + ZeroPrefixSize)..]);

    private static bool IsHex(string s)
    {
        foreach (var c in s)
        {
            if (!char.IsAsciiHexDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}
