namespace Fontana.Sdk.Store;

/// <summary>A wallet backup could not be written or restored. <see cref="Code"/> is stable; nothing was overwritten.</summary>
public sealed class WalletBackupException : Exception
{
    /// <summary>The file is not a Fontana wallet backup, or it is truncated or damaged outside its encrypted part.</summary>
    public const string Corrupt = Fontana.Core.Errors.ErrorCodes.BackupCorrupt;

    /// <summary>The passphrase does not open the backup (or its encrypted part was altered: indistinguishable).</summary>
    public const string WrongPassphrase = Fontana.Core.Errors.ErrorCodes.BackupWrongPassphrase;

    /// <summary>No passphrase was given: backups are always encrypted.</summary>
    public const string PassphraseRequired = Fontana.Core.Errors.ErrorCodes.BackupPassphraseRequired;

    /// <summary>A file already exists where the backup or a restored file would be written.</summary>
    public const string WouldOverwrite = Fontana.Core.Errors.ErrorCodes.BackupWouldOverwrite;

    /// <summary>The wallet's store cannot be backed up this way (a PostgreSQL store: back up the database instead).</summary>
    public const string UnsupportedStore = Fontana.Core.Errors.ErrorCodes.BackupUnsupportedStore;

    /// <summary>Creates the exception with the default code.</summary>
    public WalletBackupException()
        : this(Corrupt, "wallet backup error")
    {
    }

    /// <summary>Creates the exception with <paramref name="message"/>.</summary>
    public WalletBackupException(string message)
        : this(Corrupt, message)
    {
    }

    /// <summary>Creates the exception with <paramref name="message"/> and its cause.</summary>
    public WalletBackupException(string message, Exception? innerException)
        : this(Corrupt, message, innerException)
    {
    }

    /// <summary>Creates the exception with a code.</summary>
    public WalletBackupException(string code, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        ArgumentException.ThrowIfNullOrEmpty(code);
        Code = code;
    }

    /// <summary>Stable kebab-case code, one of the constants of this class.</summary>
    public string Code { get; }
}
