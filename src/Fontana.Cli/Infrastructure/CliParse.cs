using Fontana.Core;
using Fontana.Core.Bridge;

namespace Fontana.Cli.Infrastructure;

/// <summary>Argument parsing that fails with the CLI's codes (<c>bad-amount</c>, <c>bad-address</c>, <c>bad-argument</c>).</summary>
internal static class CliParse
{
    /// <summary>"0.5 TIA", "0.5tia", "500000utia" or plain utia digits; more than 0 unless <paramref name="allowZero"/>.
    /// Every message names the option and gives one example.</summary>
    public static Amount Amount(string? text, string option, bool allowZero = false)
    {
        var value = text?.Trim() ?? string.Empty;
        var example = $"e.g. {option} \"0.5 TIA\" or {option} 500000utia";
        if (value.Length == 0)
        {
            throw BadAmount($"{option} is empty ({example})");
        }

        if (value.StartsWith('-'))
        {
            throw BadAmount($"{option} {value}: an amount must be positive ({example})");
        }

        var parsed = value.All(char.IsAsciiDigit)
            ? Core.Amount.TryParseUtia(value, out var amount, out var error)
            : Core.Amount.TryParse(value, out amount, out error);
        if (!parsed)
        {
            throw BadAmount(error!.Contains("larger than the largest", StringComparison.Ordinal)
                ? $"{option} {value} is more than the largest amount, {Core.Amount.MaxValue} ({Core.Amount.MaxValue.ToUtiaString()})"
                : $"{option}: {WithoutExample(error!)} ({example})");
        }

        if (amount.IsZero && !allowZero)
        {
            throw BadAmount($"{option} must be more than 0 ({example})");
        }

        return amount;
    }

    /// <summary>A Fontana address; an L1 (Celestia) address is pointed at <c>withdraw</c>.</summary>
    public static Address Address(string? text, string option)
    {
        if (text is not null && text.Trim().StartsWith("celestia1", StringComparison.OrdinalIgnoreCase))
        {
            throw new CliFailure(CliErrorCodes.BadAddress,
                $"{option} {text.Trim()} is an L1 (Celestia) address: use `fontana withdraw --amount A --l1-address {text.Trim()}` to move funds to L1");
        }

        return Core.Address.TryParse(text, out var address, out var error)
            ? address
            : throw new CliFailure(CliErrorCodes.BadAddress, $"{option}: {error} (e.g. {option} fnt1…, as printed by `fontana show`)");
    }

    /// <summary>An L1 (Celestia) address, checked before anything is signed: <c>bad-l1-address</c> otherwise.</summary>
    public static CelestiaAddress L1Address(string? text, string option) =>
        CelestiaAddress.TryParse(text, out var address, out var error)
            ? address
            : throw new CliFailure(CliErrorCodes.BadL1Address, $"{option}: {error} (e.g. {option} celestia1…, 20 bytes in bech32); nothing was signed");

    public static Hash32 TxId(string? text, string option) =>
        text is { Length: 64 } && Hash32.TryParse(text, out var hash)
            ? hash
            : throw new CliFailure(CliErrorCodes.BadArgument, $"{option} must be a txid (64 hex characters)");

    private static CliFailure BadAmount(string message) => new(CliErrorCodes.BadAmount, message);

    private static string WithoutExample(string error)
    {
        var cut = error.IndexOf("; expected", StringComparison.Ordinal);
        return cut < 0 ? error : error[..cut];
    }

    /// <summary>"6s", "500ms", "2m", or a TimeSpan ("00:00:06").</summary>
    public static TimeSpan Duration(string text, string option)
    {
        var t = text.Trim();
        static bool Num(string s, out double v) =>
            double.TryParse(s, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out v) && v > 0;
        if (t.EndsWith("ms", StringComparison.OrdinalIgnoreCase) && Num(t[..^2], out var ms))
        {
            return TimeSpan.FromMilliseconds(ms);
        }

        if (t.EndsWith('s') && Num(t[..^1], out var s))
        {
            return TimeSpan.FromSeconds(s);
        }

        if (t.EndsWith('m') && Num(t[..^1], out var m))
        {
            return TimeSpan.FromMinutes(m);
        }

        return TimeSpan.TryParse(t, System.Globalization.CultureInfo.InvariantCulture, out var span) && span > TimeSpan.Zero
            ? span
            : throw new CliFailure(CliErrorCodes.BadArgument, $"{option}: \"{text}\" is not a duration (e.g. 6s, 500ms, 2m)");
    }
}
