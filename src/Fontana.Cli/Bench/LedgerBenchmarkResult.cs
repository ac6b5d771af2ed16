namespace Fontana.Cli.Bench;

/// <summary>The figures of <c>fontana bench ledger</c> (BRIEF §6).</summary>
internal sealed record LedgerBenchmarkResult(int Transactions, double Seconds, double TxPerSecond, double P50Ms, double P99Ms, double VerifyPerSecond, string Store);
