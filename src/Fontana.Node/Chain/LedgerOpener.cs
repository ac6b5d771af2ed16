using Fontana.Ledger;

namespace Fontana.Node.Chain;

/// <summary>Opens the ledger engine (the one call into the ledger's factory).</summary>
internal static class LedgerOpener
{
    public static async Task<ILedger> OpenAsync(LedgerOptions options, CancellationToken cancellationToken) =>
        await LedgerHost.OpenAsync(options, cancellationToken);
}
