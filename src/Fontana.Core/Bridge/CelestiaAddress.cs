using System.Diagnostics.CodeAnalysis;
using Fontana.Core.Encoding;

namespace Fontana.Core.Bridge;

/// <summary>
/// An L1 (Celestia) account address: bech32 (BIP-173, not bech32m) with HRP <c>celestia</c> over 20 bytes, as the
/// Cosmos SDK writes an <c>AccAddress</c> (cosmos-sdk <c>types/address.go</c> <c>AccAddressFromBech32</c>; celestia-app
/// sets the prefix in <c>app/app.go</c> <c>Bech32PrefixAccAddr = "celestia"</c>). Checked before a withdrawal is signed.
/// </summary>
public readonly record struct CelestiaAddress
{
    /// <summary>The account prefix of Celestia addresses.</summary>
    public const string Hrp = "celestia";

    /// <summary>An account address holds 20 bytes (RIPEMD-160 of SHA-256 of the secp256k1 key).</summary>
    public const int Length = 20;

    private readonly byte[]? _bytes;

    private CelestiaAddress(byte[] bytes, string text)
    {
        _bytes = bytes;
        Text = text;
    }

    /// <summary>The canonical (lower-case) bech32 text.</summary>
    public string Text { get; }

    /// <summary>The 20 address bytes.</summary>
    public ReadOnlySpan<byte> Bytes => _bytes;

    /// <summary>The address of 20 bytes, e.g. for a simulator or a test.</summary>
    public static CelestiaAddress FromBytes(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != Length)
        {
            throw new ArgumentException($"a Celestia address holds {Length} bytes, not {bytes.Length}", nameof(bytes));
        }

        var data5 = Bech32m.ConvertBits(bytes, 8, 5, pad: true)!;
        return new CelestiaAddress(bytes.ToArray(), Bech32m.Encode(Hrp, data5, Bech32m.Bech32Constant));
    }

    /// <summary>Parses <c>celestia1…</c>; on failure <paramref name="error"/> says exactly what is wrong.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out CelestiaAddress address, [NotNullWhen(false)] out string? error)
    {
        address = default;
        text = text?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            error = "the L1 address is empty";
            return false;
        }

        var decoded = Bech32m.Decode(text, Bech32m.Bech32Constant, out var bechError);
        if (decoded is null)
        {
            error = bechError switch
            {
                Bech32Error.BadChecksum => $"\"{text}\" has a wrong bech32 checksum (a typo?)",
                Bech32Error.MixedCase => $"\"{text}\" mixes upper and lower case",
                Bech32Error.TooLong => $"\"{text}\" is longer than {Bech32m.MaxLength} characters",
                _ => $"\"{text}\" is not a bech32 address (expected celestia1…)",
            };
            return false;
        }

        var (hrp, data5) = decoded.Value;
        if (hrp != Hrp)
        {
            error = $"\"{text}\" has the prefix \"{hrp}\"; Celestia account addresses start with \"{Hrp}1\"";
            return false;
        }

        var bytes = Bech32m.ConvertBits(data5, 5, 8, pad: false);
        if (bytes is not { Length: Length })
        {
            error = $"\"{text}\" holds {bytes?.Length ?? 0} bytes; a Celestia account address holds {Length}";
            return false;
        }

        address = new CelestiaAddress(bytes, text.ToLowerInvariant());
        error = null;
        return true;
    }

    /// <summary>Parses <c>celestia1…</c>; throws <see cref="FormatException"/> naming what is wrong.</summary>
    public static CelestiaAddress Parse(string text) =>
        TryParse(text, out var address, out var error) ? address : throw new FormatException(error);

    /// <summary>The canonical bech32 text, <c>celestia1…</c>; empty for <c>default</c>.</summary>
    public override string ToString() => Text ?? string.Empty;
}
