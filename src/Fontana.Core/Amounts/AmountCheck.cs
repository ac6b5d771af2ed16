namespace Fontana.Core;

/// <summary>The result of checking an amount against <see cref="AmountLimits"/>: valid, or a stable
/// <see cref="Code"/> (<c>amount-below-minimum</c>, <c>amount-above-maximum</c>) with a message that names the limit.</summary>
/// <param name="Code">Null when the amount is valid.</param>
/// <param name="Message">Why not, in one line; null when valid.</param>
public readonly record struct AmountCheck(string? Code, string? Message)
{
    /// <summary>The amount is within its limits.</summary>
    public static AmountCheck Valid => default;

    /// <summary>True when <see cref="Code"/> is null.</summary>
    public bool IsValid => Code is null;
}
