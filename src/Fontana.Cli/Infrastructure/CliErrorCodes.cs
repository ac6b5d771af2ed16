namespace Fontana.Cli.Infrastructure;

/// <summary>Codes of failures that start in the CLI itself (node and ledger failures keep the node's codes).</summary>
internal static class CliErrorCodes
{
    public const string Usage = "usage";
    public const string BadAmount = "bad-amount";
    public const string BadAddress = "bad-address";
    public const string BadArgument = "bad-argument";
    public const string NodeUnreachable = "node-unreachable";
    public const string BadResponse = "bad-response";
    public const string WalletMissing = "wallet-missing";
    public const string WalletExists = "wallet-exists";
    public const string WalletUnreadable = "wallet-unreadable";
    public const string InsufficientFunds = "insufficient-funds";
    public const string InvalidConfiguration = "invalid-configuration";
    public const string Cancelled = "cancelled";
    public const string Failed = "error";
}
