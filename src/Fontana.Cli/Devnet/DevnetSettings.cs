namespace Fontana.Cli.Devnet;

/// <summary>What <c>fontana devnet</c> runs with: the data dir, the wallet it funds, the port and the block interval.</summary>
internal sealed record DevnetSettings(string DataDir, string WalletPath, int Port, TimeSpan BlockInterval);
