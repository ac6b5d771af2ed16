using Fontana.Core.Api;
using Fontana.Node.Api;
using Fontana.Node.Chain;

namespace Fontana.Node.Streaming;

/// <summary><see cref="IHeaderHistory"/> over the node's ledger (none in a host that streams without a ledger).</summary>
internal sealed class LedgerHeaderHistory(IServiceProvider services) : IHeaderHistory
{
    private NodeLedger? Node => services.GetService(typeof(NodeLedger)) as NodeLedger;

    public ulong? TipHeight => Node is { IsReady: true } node ? node.Ledger.LatestHeader.Height : null;

    public async ValueTask<HeaderDto?> GetAsync(ulong height, CancellationToken cancellationToken) =>
        Node is { IsReady: true } node && await node.Ledger.GetHeaderAsync(height, cancellationToken) is { } header ? DtoMapper.Header(header) : null;
}
