using Fontana.Ledger;

namespace Fontana.Node.Chain;

/// <summary>Opens the ledger engine (the one call into the ledger's factory).</summary>
internal static class LedgerOpener
{
    public static Task<ILedger> OpenAsync(LedgerOptions options, CancellationToken cancellationToken) =>
        LedgerHost.OpenAsync(options, cancellationToken);
}
