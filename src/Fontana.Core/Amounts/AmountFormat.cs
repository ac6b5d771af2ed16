namespace Fontana.Core;

/// <summary>
/// How <see cref="Amount.Format(AmountFormat)"/> writes an amount. The default writes what <see cref="Amount.ToString"/>
/// writes (<c>1.5 TIA</c>). Text with a thousands separator is for people: <see cref="Amount.Parse"/> does not read it back.
/// </summary>
public sealed record AmountFormat
{
    /// <summary>As <see cref="Amount.ToString"/>: TIA, trailing zeros trimmed, with the unit (<c>1234.5 TIA</c>).</summary>
    public static AmountFormat Default { get; } = new();

    /// <summary>TIA with a comma every three digits (<c>1,234.5 TIA</c>).</summary>
    public static AmountFormat Grouped { get; } = new() { ThousandsSeparator = ',' };

    /// <summary>Whole utia with the unit, as <see cref="Amount.ToUtiaString"/> (<c>1234500000utia</c>).</summary>
    public static AmountFormat Utia { get; } = new() { Unit = AmountUnit.Utia };

    /// <summary>The unit to write in.</summary>
    /// <value>Default <see cref="AmountUnit.Tia"/>.</value>
    public AmountUnit Unit { get; init; } = AmountUnit.Tia;

    /// <summary>Whether the unit follows the number (<c> TIA</c> after a space, <c>utia</c> without one).</summary>
    /// <value>Default <c>true</c>.</value>
    public bool ShowUnit { get; init; } = true;

    /// <summary>A character written between groups of three digits of the whole part (e.g. <c>','</c>, <c>'_'</c>,
    /// <c>' '</c>); <c>null</c> for none. Must not be a digit or <c>'.'</c>.</summary>
    /// <value>Default <c>null</c>.</value>
    public char? ThousandsSeparator { get; init; }

    /// <summary>TIA only: the number of decimals, 0–6, written even when they are zeros (<c>2.50 TIA</c> with 2);
    /// <c>null</c> writes as many as the amount needs (none for whole TIA). Digits beyond are rounded by
    /// <see cref="Rounding"/>.</summary>
    /// <value>Default <c>null</c>.</value>
    public int? Decimals { get; init; }

    /// <summary>How the digits dropped by <see cref="Decimals"/> round.</summary>
    /// <value>Default <see cref="AmountRounding.Nearest"/>.</value>
    public AmountRounding Rounding { get; init; } = AmountRounding.Nearest;
}
