using Fontana.Core.Errors;

namespace Fontana.Sdk.Wallet;

/// <summary>A wallet file could not be created or loaded. <see cref="Code"/> is a stable kebab-case code.</summary>
public sealed class WalletException : Exception
{
    /// <summary>No file at the path.</summary>
    public const string NotFound = ErrorCodes.WalletNotFound;

    /// <summary>The file is not a Fontana wallet, is truncated, or fails its integrity checks.</summary>
    public const string Corrupt = ErrorCodes.WalletCorrupt;

    /// <summary>The passphrase does not decrypt the wallet (or the encrypted part was altered).</summary>
    public const string WrongPassphrase = ErrorCodes.WrongPassphrase;

    /// <summary>The wallet is encrypted and no passphrase was given.</summary>
    public const string PassphraseRequired = ErrorCodes.PassphraseRequired;

    /// <summary>A wallet already exists at the path and overwriting was not asked for.</summary>
    public const string Exists = ErrorCodes.WalletExists;

    /// <summary>The file is readable or writable by group or others (it must be mode 0600 or stricter).</summary>
    public const string InsecurePermissions = ErrorCodes.WalletPermissions;

    /// <summary>Any other I/O failure (permissions of the directory, disk full…); see the inner exception.</summary>
    public const string Io = ErrorCodes.WalletIo;

    /// <summary>A <see cref="Corrupt"/> error with a generic message (prefer the constructor that takes a code).</summary>
    public WalletException()
        : this(Corrupt, "wallet error")
    {
    }

    /// <summary>A <see cref="Corrupt"/> error with <paramref name="message"/>.</summary>
    public WalletException(string message)
        : this(Corrupt, message)
    {
    }

    /// <summary>An <see cref="Io"/> error caused by <paramref name="innerException"/>.</summary>
    public WalletException(string message, Exception? innerException)
        : this(Io, message, innerException)
    {
    }

    /// <summary>An error with <paramref name="code"/> (one of this type's constants); throws <see cref="ArgumentException"/> when it is empty.</summary>
    public WalletException(string code, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        ArgumentException.ThrowIfNullOrEmpty(code);
        Code = code;
    }

    /// <summary>Stable kebab-case code, one of the constants of this class.</summary>
    public string Code { get; }
}
