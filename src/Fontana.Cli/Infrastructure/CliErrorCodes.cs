using Fontana.Core.Errors;

namespace Fontana.Cli.Infrastructure;

/// <summary>Codes of failures that start in the CLI itself (node and ledger failures keep the node's codes).</summary>
internal static class CliErrorCodes
{
    public const string Usage = ErrorCodes.Usage;
    public const string BadAmount = ErrorCodes.BadAmount;
    public const string BadAddress = ErrorCodes.BadAddress;
    public const string BadL1Address = ErrorCodes.BadL1Address;
    public const string BadArgument = ErrorCodes.BadArgument;
    public const string NodeUnreachable = ErrorCodes.NodeUnreachable;
    public const string BadResponse = ErrorCodes.BadResponse;
    public const string WalletNotFound = ErrorCodes.WalletNotFound;
    public const string WalletExists = ErrorCodes.WalletExists;
    public const string InsufficientFunds = ErrorCodes.InsufficientFunds;
    public const string InvalidConfiguration = ErrorCodes.InvalidConfiguration;
    public const string Cancelled = ErrorCodes.Cancelled;
    public const string Failed = ErrorCodes.Failed;
}
