using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Fontana.Core;

/// <summary>
/// An amount of TIA held as an integer number of utia (1 TIA = 1,000,000 utia).
/// Arithmetic is checked; parsing and formatting use the invariant culture.
/// Text forms: <c>"1.5 TIA"</c>, <c>"1.5TIA"</c>, <c>"1500000utia"</c>, <c>"1500000 utia"</c> (units are case-insensitive).
/// </summary>
public readonly partial struct Amount : IEquatable<Amount>, IComparable<Amount>
{
    /// <summary>utia per TIA.</summary>
    public const ulong UtiaPerTia = 1_000_000;

    /// <summary>Largest number of decimal places a TIA amount can have (1 utia).</summary>
    public const int TiaDecimals = 6;

    /// <summary>0 utia (also <c>default</c>).</summary>
    public static readonly Amount Zero;

    /// <summary>The largest amount: 2^64 − 1 utia (<see cref="ulong.MaxValue"/>); sums past it throw <see cref="OverflowException"/>.</summary>
    public static readonly Amount MaxValue = new(ulong.MaxValue);

    private Amount(ulong utia) => Utia = utia;

    /// <summary>The amount in utia.</summary>
    public ulong Utia { get; }

    /// <summary>True for 0 utia.</summary>
    public bool IsZero => Utia == 0;

    /// <summary>An amount of <paramref name="utia"/> base units (1 TIA = 1,000,000 utia); every <see cref="ulong"/> is valid.</summary>
    public static Amount FromUtia(ulong utia) => new(utia);

    /// <summary>Whole TIA; throws <see cref="OverflowException"/> past the range of <see cref="ulong"/> utia.</summary>
    public static Amount FromTia(ulong tia) => new(checked(tia * UtiaPerTia));

    /// <summary>The sum; throws <see cref="OverflowException"/> past <see cref="MaxValue"/>.</summary>
    public static Amount operator +(Amount a, Amount b) => new(checked(a.Utia + b.Utia));

    /// <summary>The difference; throws <see cref="OverflowException"/> when <paramref name="b"/> is larger than <paramref name="a"/>.</summary>
    public static Amount operator -(Amount a, Amount b) => new(checked(a.Utia - b.Utia));

    /// <summary>The amount times a count; throws <see cref="OverflowException"/> past <see cref="MaxValue"/>.</summary>
    public static Amount operator *(Amount a, ulong factor) => new(checked(a.Utia * factor));

    /// <summary>True when both hold the same number of utia.</summary>
    public static bool operator ==(Amount a, Amount b) => a.Utia == b.Utia;

    /// <summary>True when the numbers of utia differ.</summary>
    public static bool operator !=(Amount a, Amount b) => a.Utia != b.Utia;

    /// <summary>Compares the numbers of utia.</summary>
    public static bool operator <(Amount a, Amount b) => a.Utia < b.Utia;

    /// <summary>Compares the numbers of utia.</summary>
    public static bool operator >(Amount a, Amount b) => a.Utia > b.Utia;

    /// <summary>Compares the numbers of utia.</summary>
    public static bool operator <=(Amount a, Amount b) => a.Utia <= b.Utia;

    /// <summary>Compares the numbers of utia.</summary>
    public static bool operator >=(Amount a, Amount b) => a.Utia >= b.Utia;

    /// <summary>Adds without throwing; returns false on overflow.</summary>
    public static bool TryAdd(Amount a, Amount b, out Amount sum)
    {
        var s = a.Utia + b.Utia;
        if (s < a.Utia)
        {
            sum = default;
            return false;
        }

        sum = new Amount(s);
        return true;
    }

    /// <summary>The sum (the named form of <c>+</c>); throws <see cref="OverflowException"/> past <see cref="MaxValue"/>.</summary>
    public static Amount Add(Amount left, Amount right) => left + right;

    /// <summary>The difference (the named form of <c>-</c>); throws <see cref="OverflowException"/> below zero.</summary>
    public static Amount Subtract(Amount left, Amount right) => left - right;

    /// <summary>The product (the named form of <c>*</c>); throws <see cref="OverflowException"/> past <see cref="MaxValue"/>.</summary>
    public static Amount Multiply(Amount left, ulong right) => left * right;

    /// <summary>Orders by the number of utia.</summary>
    public int CompareTo(Amount other) => Utia.CompareTo(other.Utia);

    /// <summary>True when both hold the same number of utia.</summary>
    public bool Equals(Amount other) => Utia == other.Utia;

    /// <summary>True for an <see cref="Amount"/> of the same number of utia.</summary>
    public override bool Equals(object? obj) => obj is Amount other && Equals(other);

    /// <summary>The hash of the number of utia.</summary>
    public override int GetHashCode() => Utia.GetHashCode();

    /// <summary>Formats as TIA with trailing zeros trimmed, e.g. <c>"1.5 TIA"</c>, <c>"0.000001 TIA"</c>, <c>"2 TIA"</c>.</summary>
    public override string ToString()
    {
        var whole = Utia / UtiaPerTia;
        var frac = Utia % UtiaPerTia;
        if (frac == 0)
        {
            return whole.ToString(CultureInfo.InvariantCulture) + " TIA";
        }

        var fracText = frac.ToString("D6", CultureInfo.InvariantCulture).TrimEnd('0');
        return string.Concat(whole.ToString(CultureInfo.InvariantCulture), ".", fracText, " TIA");
    }

    /// <summary>Formats as utia, e.g. <c>"1500000utia"</c>.</summary>
    public string ToUtiaString() => Utia.ToString(CultureInfo.InvariantCulture) + "utia";

    /// <summary>Parses <c>"1.5 TIA"</c> or <c>"1500000utia"</c>; throws <see cref="FormatException"/> with the reason.</summary>
    public static Amount Parse(string text)
    {
        if (!TryParse(text, out var amount, out var error))
        {
            throw new FormatException(error);
        }

        return amount;
    }

    /// <summary>Parses <c>"1.5 TIA"</c> or <c>"1500000utia"</c>; false for text without a unit, with more than 6 decimals or past <see cref="MaxValue"/>.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out Amount amount) => TryParse(text, out amount, out _);

    /// <summary>Parses an amount with a unit; on failure <paramref name="error"/> says why.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out Amount amount, [NotNullWhen(false)] out string? error)
    {
        amount = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "amount is empty; expected e.g. \"1.5 TIA\" or \"1500000utia\"";
            return false;
        }

        var s = text.AsSpan().Trim();
        if (s.EndsWith("utia", StringComparison.OrdinalIgnoreCase))
        {
            return TryParseUtia(s[..^4].TrimEnd(), text, out amount, out error);
        }

        if (s.EndsWith("tia", StringComparison.OrdinalIgnoreCase))
        {
            return TryParseTia(s[..^3].TrimEnd(), text, out amount, out error);
        }

        error = $"amount \"{text}\" has no unit; expected e.g. \"1.5 TIA\" or \"1500000utia\"";
        return false;
    }

    /// <summary>Parses a plain decimal string of utia (the JSON form), e.g. <c>"1500000"</c>.</summary>
    public static bool TryParseUtia(string? text, out Amount amount, [NotNullWhen(false)] out string? error)
    {
        amount = default;
        if (text is null)
        {
            error = "amount is missing";
            return false;
        }

        return TryParseUtia(text.AsSpan(), text, out amount, out error);
    }

    /// <summary>Parses a plain decimal string of utia (the JSON form); throws <see cref="FormatException"/>.</summary>
    public static Amount ParseUtia(string text) =>
        TryParseUtia(text, out var amount, out var error) ? amount : throw new FormatException(error);

    private static bool TryParseUtia(ReadOnlySpan<char> digits, string original, out Amount amount, [NotNullWhen(false)] out string? error)
    {
        amount = default;
        if (digits.IsEmpty)
        {
            error = $"amount \"{original}\" has no digits";
            return false;
        }

        ulong value = 0;
        foreach (var c in digits)
        {
            if (c is < '0' or > '9')
            {
                error = $"amount \"{original}\" must be a whole number of utia (digits only)";
                return false;
            }

            if (value > (ulong.MaxValue - (ulong)(c - '0')) / 10)
            {
                error = $"amount \"{original}\" is larger than the largest amount ({ulong.MaxValue} utia)";
                return false;
            }

            value = (value * 10) + (ulong)(c - '0');
        }

        amount = new Amount(value);
        error = null;
        return true;
    }

    private static bool TryParseTia(ReadOnlySpan<char> number, string original, out Amount amount, [NotNullWhen(false)] out string? error)
    {
        amount = default;
        var dot = number.IndexOf('.');
        var wholePart = dot < 0 ? number : number[..dot];
        var fracPart = dot < 0 ? ReadOnlySpan<char>.Empty : number[(dot + 1)..];
        if (wholePart.IsEmpty && fracPart.IsEmpty)
        {
            error = $"amount \"{original}\" has no digits";
            return false;
        }

        if (dot >= 0 && fracPart.IsEmpty)
        {
            error = $"amount \"{original}\" ends with a decimal point";
            return false;
        }

        if (fracPart.Length > TiaDecimals)
        {
            error = $"amount \"{original}\" has more than {TiaDecimals} decimal places (1 utia = 0.000001 TIA)";
            return false;
        }

        ulong whole = 0;
        foreach (var c in wholePart)
        {
            if (c is < '0' or > '9')
            {
                error = $"amount \"{original}\" is not a decimal number of TIA";
                return false;
            }

            if (whole > (ulong.MaxValue / UtiaPerTia - (ulong)(c - '0')) / 10)
            {
                error = $"amount \"{original}\" is larger than the largest amount";
                return false;
            }

            whole = (whole * 10) + (ulong)(c - '0');
        }

        ulong frac = 0;
        for (var i = 0; i < TiaDecimals; i++)
        {
            var c = i < fracPart.Length ? fracPart[i] : '0';
            if (c is < '0' or > '9')
            {
                error = $"amount \"{original}\" is not a decimal number of TIA";
                return false;
            }

            frac = (frac * 10) + (ulong)(c - '0');
        }

        var utia = whole * UtiaPerTia;
        if (utia > ulong.MaxValue - frac)
        {
            error = $"amount \"{original}\" is larger than the largest amount";
            return false;
        }

        amount = new Amount(utia + frac);
        error = null;
        return true;
    }
}
