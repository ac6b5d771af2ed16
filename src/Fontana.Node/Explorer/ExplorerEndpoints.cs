using System.Reflection;
using Fontana.Core.Api;
using Fontana.Node.Api;
using Fontana.Node.Chain;
using Fontana.Node.Diagnostics;

namespace Fontana.Node.Explorer;

/// <summary>
/// The explorer and operator dashboard: one HTML page at <c>/</c> whose script and styles are served by the node
/// itself from embedded resources under <c>/explorer/</c> (no CDN), and the summary it polls,
/// <c>GET /explorer/api/summary</c>. Everything else the page shows comes from the public v1 API and
/// <c>/v1/stream</c>.
/// </summary>
internal static class ExplorerEndpoints
{
    /// <summary>How many recent blocks the summary carries (charts and the block list).</summary>
    public const int SummaryBlocks = 30;

    private static readonly Dictionary<string, (string Resource, string ContentType)> Assets = new(StringComparer.Ordinal)
    {
        ["explorer.js"] = ("Fontana.Node.Explorer.Assets.explorer.js", "text/javascript; charset=utf-8"),
        ["explorer.css"] = ("Fontana.Node.Explorer.Assets.explorer.css", "text/css; charset=utf-8"),
        ["verify.js"] = ("Fontana.Node.Explorer.Assets.verify.js", "text/javascript; charset=utf-8"),
    };

    public static void MapExplorer(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/", () => Asset("Fontana.Node.Explorer.Assets.index.html", "text/html; charset=utf-8"))
            .ExcludeFromDescription();
        endpoints.MapGet("/explorer/{file}", (string file) => Assets.TryGetValue(file, out var asset)
                ? Asset(asset.Resource, asset.ContentType)
                : ApiProblems.NotFound($"no explorer asset '{file}'"))
            .ExcludeFromDescription();
        endpoints.MapGet("/explorer/api/summary", Summary).ExcludeFromDescription();
    }

    private static IResult Asset(string resource, string contentType)
    {
        var stream = typeof(ExplorerEndpoints).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"embedded explorer asset {resource} is missing from {Assembly.GetExecutingAssembly().GetName().Name}");
        return Results.Stream(stream, contentType);
    }

    private static async Task<IResult> Summary(NodeLedger node, NodeMetrics metrics, CancellationToken ct)
    {
        var ledger = node.Ledger;
        var tip = ledger.LatestHeader;
        var blocks = new List<ExplorerBlockSummary>(SummaryBlocks);
        for (var h = tip.Height; blocks.Count < SummaryBlocks; h--)
        {
            if (await ledger.GetBlockAsync(h, ct) is { } block)
            {
                blocks.Add(new ExplorerBlockSummary(block.Height, block.Hash.ToString(), block.Header.Timestamp,
                    block.Header.TxCount, DtoMapper.Block(block).DaStatus, block.DaReference));
            }

            if (h == 0)
            {
                break;
            }
        }

        var withdrawals = await ledger.GetPendingWithdrawalsAsync(50, ct);
        return TypedResults.Ok(new ExplorerSummary(
            ledger.ChainId,
            "fontana:" + ledger.ChainId,
            ledger.GenesisHash.ToString(),
            ledger.SequencerPublicKey.ToString(),
            (long)node.BlockInterval.TotalMilliseconds,
            DtoMapper.Header(tip),
            blocks,
            new ExplorerDaSummary(metrics.DaBacklog, metrics.DaAlert == 1),
            withdrawals.Select(w => new WithdrawalDto(w.TxId.ToString(), w.L1Address, w.Amount.Utia.ToString(System.Globalization.CultureInfo.InvariantCulture),
                w.Confirmed, w.ConfirmationTxId?.ToString(), w.L1TxRef)).ToArray()));
    }
}
