using Fontana.Core;

namespace Fontana.Sdk.Permissions;

/// <summary>A payment was refused before signing because it would take a scope over one of its spending limits.
/// <see cref="Limit"/> names the limit (<c>per-call</c>, <c>per-hour</c>, <c>per-day</c>, <c>total</c>). Nothing was signed or spent.</summary>
public sealed class BudgetExceededException : FontanaPaymentException
{
    /// <summary>The stable code, <c>budget-exceeded</c>.</summary>
    public const string BudgetExceededCode = "budget-exceeded";

    /// <summary>Creates the exception with the default message.</summary>
    public BudgetExceededException()
        : this("budget-exceeded")
    {
    }

    /// <summary>Creates the exception with <paramref name="message"/>.</summary>
    public BudgetExceededException(string message)
        : base(BudgetExceededCode, message)
    {
    }

    /// <summary>Creates the exception with <paramref name="message"/> and its cause.</summary>
    public BudgetExceededException(string message, Exception innerException)
        : base(BudgetExceededCode, message, innerException)
    {
    }

    /// <summary>Creates the exception for the <paramref name="limit"/> of <paramref name="scope"/>.</summary>
    public BudgetExceededException(PermissionScope scope, string limit, Amount maximum, Amount used, Amount required)
        : base(BudgetExceededCode, $"{BudgetExceededCode}: the {limit} limit of {scope} is {maximum}; {used} is spent or in flight and this payment needs {required}")
    {
        Scope = scope;
        Limit = limit;
        Maximum = maximum;
        Used = used;
        Required = required;
    }

    /// <summary>The scope whose limit was hit.</summary>
    public PermissionScope Scope { get; }

    /// <summary>Which limit: <c>per-call</c>, <c>per-hour</c>, <c>per-day</c> or <c>total</c> (<see cref="LimitNames"/>).</summary>
    public string Limit { get; } = string.Empty;

    /// <summary>The limit's value.</summary>
    public Amount Maximum { get; }

    /// <summary>Already spent (or reserved by calls in flight) in the limit's window.</summary>
    public Amount Used { get; }

    /// <summary>What this payment needed (price + fee).</summary>
    public Amount Required { get; }
}
