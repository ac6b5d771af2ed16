namespace Fontana.Sdk.Permissions;

/// <summary>A payment was refused before signing because a permission denies its provider or app (or none covers it and the policy denies by default). Nothing was signed or spent.</summary>
public sealed class PermissionDeniedException : FontanaPaymentException
{
    /// <summary>The stable code, <c>permission-denied</c>.</summary>
    public const string PermissionDeniedCode = "permission-denied";

    /// <summary>Creates the exception with the default message.</summary>
    public PermissionDeniedException()
        : this("permission-denied")
    {
    }

    /// <summary>Creates the exception with <paramref name="message"/>.</summary>
    public PermissionDeniedException(string message)
        : base(PermissionDeniedCode, message)
    {
    }

    /// <summary>Creates the exception with <paramref name="message"/> and its cause.</summary>
    public PermissionDeniedException(string message, Exception innerException)
        : base(PermissionDeniedCode, message, innerException)
    {
    }

    /// <summary>Creates the exception for <paramref name="scope"/>.</summary>
    public PermissionDeniedException(PermissionScope scope, string message)
        : base(PermissionDeniedCode, message) => Scope = scope;

    /// <summary>The scope whose permission refused the payment.</summary>
    public PermissionScope Scope { get; }
}
