namespace Fontana.Core.Encoding;

/// <summary>Bech32m (BIP-350): checksum constant 0x2bc830a3, 5-bit data, 90-character limit. Also decodes the original
/// bech32 (BIP-173, constant 1) that Cosmos SDK chains such as Celestia use for their addresses.</summary>
internal static class Bech32m
{
    public const int MaxLength = 90;

    /// <summary>The BIP-173 checksum constant (Cosmos SDK / Celestia addresses).</summary>
    public const uint Bech32Constant = 1;
    private const uint Constant = 0x2bc830a3;
    private const string Charset = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";

    private static readonly sbyte[] CharsetRev = BuildReverse();

    public static string Encode(string hrp, ReadOnlySpan<byte> data5) => Encode(hrp, data5, Constant);

    /// <summary>Encodes with the checksum <paramref name="constant"/> (<see cref="Bech32Constant"/> for bech32).</summary>
    public static string Encode(string hrp, ReadOnlySpan<byte> data5, uint constant)
    {
        var checksum = CreateChecksum(hrp, data5, constant);
        var chars = new char[hrp.Length + 1 + data5.Length + 6];
        hrp.CopyTo(0, chars, 0, hrp.Length);
        chars[hrp.Length] = '1';
        for (var i = 0; i < data5.Length; i++)
        {
            chars[hrp.Length + 1 + i] = Charset[data5[i]];
        }

        for (var i = 0; i < 6; i++)
        {
            chars[hrp.Length + 1 + data5.Length + i] = Charset[checksum[i]];
        }

        return new string(chars);
    }

    /// <summary>Decodes and checks a bech32m string; returns null and sets <paramref name="error"/> on failure.</summary>
    public static (string Hrp, byte[] Data5)? Decode(string text, out Bech32Error error) => Decode(text, Constant, out error);

    /// <summary>Decodes and checks a bech32 string against the checksum <paramref name="constant"/>.</summary>
    public static (string Hrp, byte[] Data5)? Decode(string text, uint constant, out Bech32Error error)
    {
        error = Bech32Error.None;
        if (text.Length > MaxLength)
        {
            error = Bech32Error.TooLong;
            return null;
        }

        bool hasLower = false, hasUpper = false;
        foreach (var c in text)
        {
            if (c < 33 || c > 126)
            {
                error = Bech32Error.InvalidCharacter;
                return null;
            }

            hasLower |= c is >= 'a' and <= 'z';
            hasUpper |= c is >= 'A' and <= 'Z';
        }

        if (hasLower && hasUpper)
        {
            error = Bech32Error.MixedCase;
            return null;
        }

        var lower = text.ToLowerInvariant();
        var sep = lower.LastIndexOf('1');
        if (sep < 1)
        {
            error = sep == 0 ? Bech32Error.EmptyHrp : Bech32Error.NoSeparator;
            return null;
        }

        if (lower.Length - sep - 1 < 6)
        {
            error = Bech32Error.TooShort;
            return null;
        }

        var hrp = lower[..sep];
        var data = new byte[lower.Length - sep - 1];
        for (var i = 0; i < data.Length; i++)
        {
            var c = lower[sep + 1 + i];
            var v = c < 128 ? CharsetRev[c] : (sbyte)-1;
            if (v < 0)
            {
                error = Bech32Error.InvalidCharacter;
                return null;
            }

            data[i] = (byte)v;
        }

        if (Polymod(hrp, data) != constant)
        {
            error = Bech32Error.BadChecksum;
            return null;
        }

        return (hrp, data[..^6]);
    }

    /// <summary>Regroups bits (8→5 with padding, 5→8 without); returns null on invalid padding.</summary>
    public static byte[]? ConvertBits(ReadOnlySpan<byte> data, int fromBits, int toBits, bool pad)
    {
        var acc = 0;
        var bits = 0;
        var maxv = (1 << toBits) - 1;
        var result = new List<byte>((data.Length * fromBits / toBits) + 1);
        foreach (var value in data)
        {
            if (value >> fromBits != 0)
            {
                return null;
            }

            acc = (acc << fromBits) | value;
            bits += fromBits;
            while (bits >= toBits)
            {
                bits -= toBits;
                result.Add((byte)((acc >> bits) & maxv));
            }
        }

        if (pad)
        {
            if (bits > 0)
            {
                result.Add((byte)((acc << (toBits - bits)) & maxv));
            }
        }
        else if (bits >= fromBits || ((acc << (toBits - bits)) & maxv) != 0)
        {
            return null;
        }

        return result.ToArray();
    }

    private static byte[] CreateChecksum(string hrp, ReadOnlySpan<byte> data5, uint constant)
    {
        var values = new byte[data5.Length + 6];
        data5.CopyTo(values);
        var mod = Polymod(hrp, values) ^ constant;
        var checksum = new byte[6];
        for (var i = 0; i < 6; i++)
        {
            checksum[i] = (byte)((mod >> (5 * (5 - i))) & 31);
        }

        return checksum;
    }

    private static uint Polymod(string hrp, ReadOnlySpan<byte> data)
    {
        uint chk = 1;
        foreach (var c in hrp)
        {
            chk = Step(chk) ^ (uint)(c >> 5);
        }

        chk = Step(chk);
        foreach (var c in hrp)
        {
            chk = Step(chk) ^ (uint)(c & 31);
        }

        foreach (var v in data)
        {
            chk = Step(chk) ^ v;
        }

        return chk;
    }

    private static uint Step(uint chk)
    {
        var top = chk >> 25;
        chk = (chk & 0x1ffffff) << 5;
        if ((top & 1) != 0) { chk ^= 0x3b6a57b2; }
        if ((top & 2) != 0) { chk ^= 0x26508e6d; }
        if ((top & 4) != 0) { chk ^= 0x1ea119fa; }
        if ((top & 8) != 0) { chk ^= 0x3d4233dd; }
        if ((top & 16) != 0) { chk ^= 0x2a1462b3; }
        return chk;
    }

    private static sbyte[] BuildReverse()
    {
        var rev = new sbyte[128];
        Array.Fill(rev, (sbyte)-1);
        for (var i = 0; i < Charset.Length; i++)
        {
            rev[Charset[i]] = (sbyte)i;
        }

        return rev;
    }
}

/// <summary>Why a bech32m string failed to decode.</summary>
internal enum Bech32Error
{
    None,
    TooLong,
    TooShort,
    InvalidCharacter,
    MixedCase,
    NoSeparator,
    EmptyHrp,
    BadChecksum,
}
