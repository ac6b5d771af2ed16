namespace Fontana.Core.Errors;

public static partial class ErrorCodes
{
    // x402 header and body decoding (X402FormatException).

    /// <summary>The bytes are not UTF-8 JSON of the expected shape (wrong types, trailing data, duplicate keys…).</summary>
    public const string BadJson = "bad-json";

    /// <summary>A required field is absent or null (or a required list is empty).</summary>
    public const string MissingField = "missing-field";

    /// <summary>A field is present but its value is not allowed.</summary>
    public const string InvalidField = "invalid-field";

    /// <summary>The header value or body is longer than the decoder accepts.</summary>
    public const string HeaderTooLarge = "header-too-large";

    /// <summary>The header is absent or empty.</summary>
    public const string EmptyHeader = "empty-header";

    // SDK: node access, payments, receipts.

    /// <summary>The node (or API) could not be reached.</summary>
    public const string NodeUnreachable = "node-unreachable";

    /// <summary>The node answered something the SDK cannot read.</summary>
    public const string BadResponse = "bad-response";

    /// <summary>A network the client does not hold: an x402 network id (<c>fontana:&lt;chainId&gt;</c>) asked for by name,
    /// or the only networks a 402 offers to be paid on.</summary>
    public const string UnknownNetwork = "unknown-network";

    /// <summary>A network's nodes serve another chain than the one configured for it.</summary>
    public const string NetworkMismatch = "network-mismatch";

    /// <summary>The wallet's coins do not cover the amount and fee.</summary>
    public const string InsufficientFunds = "insufficient-funds";

    /// <summary>The API asks more than the caller's maximum price.</summary>
    public const string PriceTooHigh = "price-too-high";

    /// <summary>None of the API's payment requirements is one the SDK can pay.</summary>
    public const string NoAcceptableRequirement = "no-acceptable-requirement";

    /// <summary>The API's PAYMENT-REQUIRED answer does not decode.</summary>
    public const string BadPaymentRequired = "bad-payment-required";

    /// <summary>The API refused the payment.</summary>
    public const string PaymentNotAccepted = "payment-not-accepted";

    /// <summary>A payment failed for a reason no more specific code names.</summary>
    public const string PaymentFailed = "payment-failed";

    /// <summary>Splitting coins for a payment failed.</summary>
    public const string SplitFailed = "split-failed";

    /// <summary>A split transaction was not confirmed before it expired.</summary>
    public const string SplitTimeout = "split-timeout";

    /// <summary>The API asks to be paid into the paying wallet itself.</summary>
    public const string PayToSelf = "pay-to-self";

    /// <summary>A named output is not an unspent output of this wallet.</summary>
    public const string UtxoUnknown = "utxo-unknown";

    /// <summary>No coin could be locked for the payment in time.</summary>
    public const string UtxoLockTimeout = "utxo-lock-timeout";

    /// <summary>A receipt's signature does not verify against the sequencer key.</summary>
    public const string BadReceiptSignature = "bad-receipt-signature";

    /// <summary>A block header does not verify.</summary>
    public const string BadHeader = "bad-header";

    /// <summary>A transaction inclusion proof does not verify.</summary>
    public const string BadTxProof = "bad-tx-proof";

    // Wallet key files (WalletException) — docs/wallet.md.

    /// <summary>No wallet file at that path.</summary>
    public const string WalletNotFound = "wallet-not-found";

    /// <summary>The wallet file is damaged.</summary>
    public const string WalletCorrupt = "wallet-corrupt";

    /// <summary>The passphrase does not open the wallet.</summary>
    public const string WrongPassphrase = "wrong-passphrase";

    /// <summary>The wallet is encrypted and no passphrase was given.</summary>
    public const string PassphraseRequired = "passphrase-required";

    /// <summary>A wallet file already exists at that path.</summary>
    public const string WalletExists = "wallet-exists";

    /// <summary>The wallet file is readable by group or others.</summary>
    public const string WalletPermissions = "wallet-permissions";

    /// <summary>Reading or writing the wallet file failed.</summary>
    public const string WalletIo = "wallet-io";

    // Wallet store and backups (WalletStoreException, WalletBackupException) — docs/wallet.md.

    /// <summary>The wallet store is not a store, is damaged, or a row does not parse.</summary>
    public const string StoreCorrupt = "store-corrupt";

    /// <summary>Another process holds the SQLite wallet store locked past the busy timeout.</summary>
    public const string StoreLocked = "store-locked";

    /// <summary>The wallet store belongs to another wallet.</summary>
    public const string StoreWrongWallet = "store-wrong-wallet";

    /// <summary>The wallet store was written by a newer Fontana.</summary>
    public const string StoreTooNew = "store-too-new";

    /// <summary>The wallet store's database server cannot be reached.</summary>
    public const string StoreUnavailable = "store-unavailable";

    /// <summary>Not a wallet backup, or damaged outside its encrypted part.</summary>
    public const string BackupCorrupt = "backup-corrupt";

    /// <summary>The passphrase does not open the backup (or it was altered).</summary>
    public const string BackupWrongPassphrase = "backup-wrong-passphrase";

    /// <summary>No backup passphrase was given.</summary>
    public const string BackupPassphraseRequired = "backup-passphrase-required";

    /// <summary>Writing the backup or restoring it would replace an existing file.</summary>
    public const string BackupWouldOverwrite = "backup-would-overwrite";

    /// <summary>The wallet's store is not a SQLite file.</summary>
    public const string BackupUnsupportedStore = "backup-unsupported-store";

    // CLI (docs/cli.md).

    /// <summary>The command line is not valid.</summary>
    public const string Usage = "usage";

    /// <summary>An argument is not valid; the message names it.</summary>
    public const string BadArgument = "bad-argument";

    /// <summary>The configuration is invalid; the message names the key.</summary>
    public const string InvalidConfiguration = "invalid-configuration";

    /// <summary>The paid API could not be reached.</summary>
    public const string ApiUnreachable = "api-unreachable";

    /// <summary>A port the command would listen on is taken by another program; the message names the port and the option.</summary>
    public const string AddressInUse = "address-in-use";

    /// <summary>The user cancelled the command.</summary>
    public const string Cancelled = "cancelled";

    /// <summary>A failure no more specific code names.</summary>
    public const string Failed = "error";
}
