using Fontana.Core.Api;
using Fontana.Node.Chain;

namespace Fontana.Node.Api;

/// <summary><c>/v1/info</c>, <c>/v1/genesis</c>, <c>/v1/blocks/…</c>, <c>/v1/headers/…</c>.</summary>
internal static class ChainEndpoints
{
    public static void MapChain(this RouteGroupBuilder v1)
    {
        v1.MapGet("/info", Info).WithName("GetInfo").WithSummary("Chain parameters and the current tip.")
            .Produces<NodeInfo>().ProducesProblem(503);
        v1.MapGet("/genesis", Genesis).WithName("GetGenesis")
            .WithSummary("The genesis document this node runs (docs/genesis.md); its canonical encoding hashes to the genesis hash, sent in Fontana-Genesis-Hash.")
            .Produces(200, contentType: "application/json").ProducesProblem(503);
        v1.MapGet("/blocks/latest", LatestBlock).WithName("GetLatestBlock").WithSummary("The latest sealed block: header, txids, DA status.")
            .Produces<BlockDto>().ProducesProblem(503);
        v1.MapGet("/blocks/{height}", Block).WithName("GetBlock").WithSummary("A sealed block by height.")
            .Produces<BlockDto>().ProducesProblem(400).ProducesProblem(404);
        v1.MapGet("/blocks/{height}/raw", RawBlock).WithName("GetRawBlock")
            .WithSummary("A sealed block as its DA payload (canonical block bytes; block 0 carries the genesis): what followers replay.")
            .Produces<byte[]>(200, RawContentType).ProducesProblem(400).ProducesProblem(404);
        v1.MapGet("/headers/tip", Tip).WithName("GetTipHeader").WithSummary("The latest sealed header (light clients).")
            .Produces<HeaderDto>().ProducesProblem(503);
        v1.MapGet("/headers/{height}", Header).WithName("GetHeader").WithSummary("A sealed header by height.")
            .Produces<HeaderDto>().ProducesProblem(400).ProducesProblem(404);
    }

    private static IResult Info(NodeLedger node, HttpContext context)
    {
        // A follower forwards submissions through its SequencerClient; a node without one seals itself.
        var role = context.RequestServices.GetService<Follower.SequencerClient>() is null ? NodeInfo.SequencerRole : NodeInfo.FollowerRole;
        var ledger = node.Ledger;
        var genesis = ledger.Genesis;
        return TypedResults.Ok(new NodeInfo(
            ledger.ChainId,
            "fontana:" + ledger.ChainId,
            ledger.GenesisHash.ToString(),
            ledger.SequencerPublicKey.ToString(),
            genesis.FeeAddress.ToString(),
            DtoMapper.Utia(genesis.MinFee),
            (long)node.BlockInterval.TotalMilliseconds,
            DtoMapper.Header(ledger.LatestHeader),
            role));
    }

    /// <summary>The header that carries the genesis hash beside <c>GET /v1/genesis</c>.</summary>
    public const string GenesisHashHeader = "Fontana-Genesis-Hash";

    private static IResult Genesis(NodeLedger node, HttpResponse response)
    {
        var genesis = node.Ledger.Genesis;
        response.Headers[GenesisHashHeader] = genesis.Hash.ToString();
        return TypedResults.Text(genesis.ToJson(), "application/json", System.Text.Encoding.UTF8);
    }

    private static async Task<IResult> LatestBlock(NodeLedger node, CancellationToken ct) =>
        TypedResults.Ok(DtoMapper.Block(await node.Ledger.GetLatestBlockAsync(ct)));

    private static async Task<IResult> Block(string height, NodeLedger node, CancellationToken ct)
    {
        if (!RouteValues.TryHeight(height, out var h, out var problem))
        {
            return problem;
        }

        return await node.Ledger.GetBlockAsync(h, ct) is { } block
            ? TypedResults.Ok(DtoMapper.Block(block))
            : ApiProblems.NotFound($"no block at height {h} (tip is {node.Ledger.LatestHeader.Height})");
    }

    /// <summary>The content type of <c>/v1/blocks/{height}/raw</c>.</summary>
    public const string RawContentType = "application/octet-stream";

    private static async Task<IResult> RawBlock(string height, NodeLedger node, CancellationToken ct)
    {
        if (!RouteValues.TryHeight(height, out var h, out var problem))
        {
            return problem;
        }

        var ledger = node.Ledger;
        return await ledger.GetFullBlockAsync(h, ct) is { } block
            ? TypedResults.Bytes(DaPayload.Encode(block, h == 0 ? ledger.Genesis : null), RawContentType)
            : ApiProblems.NotFound($"no block at height {h} (tip is {ledger.LatestHeader.Height})");
    }

    private static IResult Tip(NodeLedger node) => TypedResults.Ok(DtoMapper.Header(node.Ledger.LatestHeader));

    private static async Task<IResult> Header(string height, NodeLedger node, CancellationToken ct)
    {
        if (!RouteValues.TryHeight(height, out var h, out var problem))
        {
            return problem;
        }

        return await node.Ledger.GetHeaderAsync(h, ct) is { } header
            ? TypedResults.Ok(DtoMapper.Header(header))
            : ApiProblems.NotFound($"no block at height {h} (tip is {node.Ledger.LatestHeader.Height})");
    }
}
