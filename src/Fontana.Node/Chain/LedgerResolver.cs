using Fontana.Ledger;

namespace Fontana.Node.Chain;

/// <summary>
/// Finds the process's open ledger: the node's <see cref="NodeLedger"/> when the node is hosted here, else an
/// <see cref="ILedger"/> singleton the host registered itself. The ledger is never registered as a transient or
/// scoped service: the container would dispose it — closing it — at the end of the first request scope.
/// </summary>
internal static class LedgerResolver
{
    /// <summary>The open ledger; throws <see cref="NodeNotReadyException"/> while it is opening or after a store failure.</summary>
    public static ILedger Resolve(IServiceProvider services) =>
        services.GetService<NodeLedger>()?.Ledger
        ?? services.GetService<ILedger>()
        ?? throw new InvalidOperationException("no ledger in this process: call AddFontanaNode() or register an ILedger singleton");
}
