using Fontana.Core.Api;
using Fontana.Node.Api;
using Fontana.Node.Chain;

namespace Fontana.Node.Streaming;

/// <summary><see cref="IHeaderHistory"/> over the node's ledger.</summary>
internal sealed class LedgerHeaderHistory(NodeLedger node) : IHeaderHistory
{
    public ulong? TipHeight => node.IsReady ? node.Ledger.LatestHeader.Height : null;

    public async ValueTask<HeaderDto?> GetAsync(ulong height, CancellationToken cancellationToken) =>
        node.IsReady && await node.Ledger.GetHeaderAsync(height, cancellationToken) is { } header ? DtoMapper.Header(header) : null;
}
