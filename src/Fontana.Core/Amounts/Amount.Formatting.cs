using System.Globalization;
using System.Text;

namespace Fontana.Core;

public readonly partial struct Amount
{
    private static readonly ulong[] PowersOfTen = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000];

    /// <summary>
    /// Writes the amount as <paramref name="format"/> says: unit or none, a thousands separator, a fixed number of
    /// decimals (rounded as the format says). Invariant culture; <c>Format(AmountFormat.Default)</c> equals
    /// <see cref="ToString"/>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><see cref="AmountFormat.Decimals"/> outside 0–6, or a separator that is a digit or <c>'.'</c>.</exception>
    public string Format(AmountFormat format)
    {
        ArgumentNullException.ThrowIfNull(format);
        if (format.Decimals is { } d && (d < 0 || d > TiaDecimals))
        {
            throw new ArgumentOutOfRangeException(nameof(format), d, $"Decimals must be 0 to {TiaDecimals}");
        }

        if (format.ThousandsSeparator is { } sep && (char.IsDigit(sep) || sep == '.'))
        {
            throw new ArgumentOutOfRangeException(nameof(format), sep, "ThousandsSeparator must not be a digit or '.'");
        }

        var text = new StringBuilder(40);
        if (format.Unit == AmountUnit.Utia)
        {
            AppendGrouped(text, Utia, format.ThousandsSeparator);
            return format.ShowUnit ? text.Append("utia").ToString() : text.ToString();
        }

        var whole = Utia / UtiaPerTia;
        var frac = Utia % UtiaPerTia;
        var decimals = format.Decimals ?? TiaDecimals;
        var drop = PowersOfTen[TiaDecimals - decimals];
        var kept = RoundDivide(frac, drop, format.Rounding);
        if (kept == PowersOfTen[decimals])
        {
            whole++;
            kept = 0;
        }

        AppendGrouped(text, whole, format.ThousandsSeparator);
        var digits = decimals == 0 ? string.Empty : kept.ToString("D" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        if (format.Decimals is null)
        {
            digits = digits.TrimEnd('0');
        }

        if (digits.Length > 0)
        {
            text.Append('.').Append(digits);
        }

        return format.ShowUnit ? text.Append(" TIA").ToString() : text.ToString();
    }

    private static ulong RoundDivide(ulong value, ulong divisor, AmountRounding rounding)
    {
        var quotient = value / divisor;
        var remainder = value % divisor;
        return rounding switch
        {
            AmountRounding.Up when remainder > 0 => quotient + 1,
            AmountRounding.Nearest when remainder >= divisor - remainder => quotient + 1,
            _ => quotient,
        };
    }

    private static void AppendGrouped(StringBuilder text, ulong value, char? separator)
    {
        var digits = value.ToString(CultureInfo.InvariantCulture);
        if (separator is not { } sep)
        {
            text.Append(digits);
            return;
        }

        var first = digits.Length % 3 == 0 ? 3 : digits.Length % 3;
        text.Append(digits, 0, first);
        for (var i = first; i < digits.Length; i += 3)
        {
            text.Append(sep).Append(digits, i, 3);
        }
    }
}
