namespace Fontana.Sdk.Store;

/// <summary>The wallet store could not be opened or used. <see cref="Code"/> is a stable kebab-case code; nothing is
/// spent or overwritten when it is thrown.</summary>
public sealed class WalletStoreException : Exception
{
    /// <summary>The file is not a wallet store (not SQLite, damaged, or its schema is not ours).</summary>
    public const string Corrupt = Fontana.Core.Errors.ErrorCodes.StoreCorrupt;

    /// <summary>Another process holds the store locked longer than the busy timeout.</summary>
    public const string Locked = Fontana.Core.Errors.ErrorCodes.StoreLocked;

    /// <summary>The store belongs to another wallet (its recorded address differs).</summary>
    public const string WrongWallet = Fontana.Core.Errors.ErrorCodes.StoreWrongWallet;

    /// <summary>The store was written by a newer version of Fontana (its schema version is unknown here).</summary>
    public const string TooNew = Fontana.Core.Errors.ErrorCodes.StoreTooNew;

    /// <summary>The database server cannot be reached or refused the connection.</summary>
    public const string Unavailable = Fontana.Core.Errors.ErrorCodes.StoreUnavailable;

    /// <summary>Creates the exception with the default code.</summary>
    public WalletStoreException()
        : this(Corrupt, "wallet store error")
    {
    }

    /// <summary>Creates the exception with <paramref name="message"/>.</summary>
    public WalletStoreException(string message)
        : this(Corrupt, message)
    {
    }

    /// <summary>Creates the exception with <paramref name="message"/> and its cause.</summary>
    public WalletStoreException(string message, Exception? innerException)
        : this(Unavailable, message, innerException)
    {
    }

    /// <summary>Creates the exception with a code.</summary>
    public WalletStoreException(string code, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        ArgumentException.ThrowIfNullOrEmpty(code);
        Code = code;
    }

    /// <summary>Stable kebab-case code, one of the constants of this class.</summary>
    public string Code { get; }
}
