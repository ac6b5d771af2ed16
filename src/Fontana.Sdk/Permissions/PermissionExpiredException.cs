namespace Fontana.Sdk.Permissions;

/// <summary>A payment was refused before signing because the permission for its provider or app has expired. Nothing was signed or spent.</summary>
public sealed class PermissionExpiredException : FontanaPaymentException
{
    /// <summary>The stable code, <c>permission-expired</c>.</summary>
    public const string PermissionExpiredCode = "permission-expired";

    /// <summary>Creates the exception with the default message.</summary>
    public PermissionExpiredException()
        : this("permission-expired")
    {
    }

    /// <summary>Creates the exception with <paramref name="message"/>.</summary>
    public PermissionExpiredException(string message)
        : base(PermissionExpiredCode, message)
    {
    }

    /// <summary>Creates the exception with <paramref name="message"/> and its cause.</summary>
    public PermissionExpiredException(string message, Exception innerException)
        : base(PermissionExpiredCode, message, innerException)
    {
    }

    /// <summary>Creates the exception for <paramref name="scope"/>.</summary>
    public PermissionExpiredException(PermissionScope scope, string message)
        : base(PermissionExpiredCode, message) => Scope = scope;

    /// <summary>The scope whose permission refused the payment.</summary>
    public PermissionScope Scope { get; }
}
