using Fontana.Core.Api;
using Fontana.Node.Chain;
using Fontana.Node.Options;
using Microsoft.Extensions.Options;

namespace Fontana.Node.Api;

/// <summary><c>/v1/utxos/{txid}:{index}</c> (+ <c>/proof</c>) and <c>/v1/addresses/{address}/utxos|balance</c>.</summary>
internal static class StateEndpoints
{
    public static void MapState(this RouteGroupBuilder v1)
    {
        v1.MapGet("/utxos/{outpoint}", Utxo).WithName("GetUtxo").WithSummary("unspent | spent (by which txid) | unknown.")
            .Produces<UtxoStatusDto>().ProducesProblem(400);
        v1.MapGet("/utxos/{outpoint}/proof", UtxoProof).WithName("GetUtxoProof")
            .WithSummary("Inclusion / non-inclusion proof against the latest sealed state root.")
            .Produces<UtxoProofDto>().ProducesProblem(400);
        v1.MapGet("/addresses/{address}/utxos", Utxos).WithName("GetAddressUtxos").WithSummary("Unspent outputs of an address, oldest first.")
            .Produces<AddressUtxosDto>().ProducesProblem(400);
        v1.MapGet("/addresses/{address}/balance", Balance).WithName("GetAddressBalance").WithSummary("Sum of an address's unspent outputs (utia).")
            .Produces<BalanceDto>().ProducesProblem(400);
    }

    private static async Task<IResult> Utxo(string outpoint, NodeLedger node, CancellationToken ct)
    {
        if (!RouteValues.TryOutPoint(outpoint, out var op, out var problem))
        {
            return problem;
        }

        return TypedResults.Ok(DtoMapper.UtxoStatus(await node.Ledger.GetUtxoStatusAsync(op, ct)));
    }

    private static async Task<IResult> UtxoProof(string outpoint, NodeLedger node, CancellationToken ct)
    {
        if (!RouteValues.TryOutPoint(outpoint, out var op, out var problem))
        {
            return problem;
        }

        return TypedResults.Ok(DtoMapper.UtxoProof(await node.Ledger.GetUtxoProofAsync(op, ct)));
    }

    private static async Task<IResult> Utxos(string address, NodeLedger node, IOptions<FontanaNodeOptions> options, CancellationToken ct)
    {
        if (!RouteValues.TryAddress(address, out var a, out var problem))
        {
            return problem;
        }

        var utxos = await node.Ledger.GetUtxosAsync(a, options.Value.Api.MaxUtxosPerResponse, ct);
        return TypedResults.Ok(new AddressUtxosDto(a.ToString(), utxos.Select(DtoMapper.Utxo).ToArray()));
    }

    private static async Task<IResult> Balance(string address, NodeLedger node, CancellationToken ct)
    {
        if (!RouteValues.TryAddress(address, out var a, out var problem))
        {
            return problem;
        }

        var utxos = await node.Ledger.GetUtxosAsync(a, int.MaxValue, ct);
        var total = Fontana.Core.Amount.Zero;
        foreach (var utxo in utxos)
        {
            total += utxo.Output.Amount;
        }

        return TypedResults.Ok(new BalanceDto(a.ToString(), DtoMapper.Utia(total), utxos.Count));
    }
}
