namespace Fontana.Core;

/// <summary>The unit an <see cref="Amount"/> is written in.</summary>
public enum AmountUnit
{
    /// <summary>TIA with up to six decimals (<c>1.5 TIA</c>).</summary>
    Tia,

    /// <summary>Whole utia (<c>1500000utia</c>).</summary>
    Utia,
}
