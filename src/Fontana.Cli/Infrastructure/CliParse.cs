using Fontana.Core;

namespace Fontana.Cli.Infrastructure;

/// <summary>Argument parsing that fails with the CLI's codes (<c>bad-amount</c>, <c>bad-address</c>, <c>bad-argument</c>).</summary>
internal static class CliParse
{
    /// <summary>"0.5 TIA", "0.5tia", "500000utia" or plain utia digits.</summary>
    public static Amount Amount(string? text, string option)
    {
        if (text is not null && Core.Amount.TryParseUtia(text, out var utia, out _))
        {
            return utia;
        }

        return Core.Amount.TryParse(text, out var amount, out var error)
            ? amount
            : throw new CliException(CliErrorCodes.BadAmount, $"{option}: {error} (e.g. \"0.5 TIA\" or \"500000utia\")");
    }

    public static Address Address(string? text, string option) =>
        Core.Address.TryParse(text, out var address, out var error)
            ? address
            : throw new CliException(CliErrorCodes.BadAddress, $"{option}: {error}");

    public static Hash32 TxId(string? text, string option) =>
        text is { Length: 64 } && Hash32.TryParse(text, out var hash)
            ? hash
            : throw new CliException(CliErrorCodes.BadArgument, $"{option} must be a txid (64 hex characters)");

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
            : throw new CliException(CliErrorCodes.BadArgument, $"{option}: \"{text}\" is not a duration (e.g. 6s, 500ms, 2m)");
    }
}
