namespace Fontana.Core;

/// <summary>How a result that falls between two utia (or between two displayed decimals) is rounded.</summary>
public enum AmountRounding
{
    /// <summary>Towards zero: never more than the exact value (the default for what is paid out).</summary>
    Down,

    /// <summary>Away from zero: never less than the exact value (for what is charged).</summary>
    Up,

    /// <summary>To the nearest; a half rounds up.</summary>
    Nearest,
}
