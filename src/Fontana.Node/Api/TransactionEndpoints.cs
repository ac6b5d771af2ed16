using System.Buffers.Text;
using System.Diagnostics;
using Fontana.Core.Api;
using Fontana.Core.Errors;
using Fontana.Core.Encoding;
using Fontana.Ledger;
using Fontana.Node.Chain;
using Fontana.Node.Diagnostics;
using Fontana.Node.Follower;
using Fontana.Node.Options;
using Microsoft.Extensions.Options;

namespace Fontana.Node.Api;

/// <summary><c>POST /v1/transactions</c>, <c>GET /v1/transactions/{txid}</c> and its <c>/proof</c>.</summary>
internal static class TransactionEndpoints
{
    public static void MapTransactions(this RouteGroupBuilder v1, long maxBodyBytes)
    {
        v1.MapPost("/transactions", Submit).WithName("SubmitTransaction")
            .WithSummary("Submit a signed transaction (canonical bytes, base64); answers the provisional receipt once durably committed.")
            .Accepts<SubmitTransactionRequest>("application/json")
            .Produces<ReceiptDto>()
            .ProducesProblem(400).ProducesProblem(409).ProducesProblem(413).ProducesProblem(422).ProducesProblem(503)
            .WithMetadata(new RequestSizeLimit(maxBodyBytes));
        v1.MapGet("/transactions/{txid}", Get).WithName("GetTransaction")
            .WithSummary("Status (pending | sealed | posted), the transaction, and its receipt (final once sealed).")
            .Produces<TransactionStatusDto>().ProducesProblem(400).ProducesProblem(404);
        v1.MapGet("/transactions/{txid}/proof", Proof).WithName("GetTransactionProof")
            .WithSummary("Inclusion proof of the txid against its block's tx root.")
            .Produces<TxProofDto>().ProducesProblem(400).ProducesProblem(404);
    }

    private static async Task<IResult> Submit(HttpRequest request, NodeLedger node, NodeMetrics metrics, IOptions<FontanaNodeOptions> options)
    {
        if (request.HttpContext.RequestServices.GetService<SequencerClient>() is { } sequencer)
        {
            // A follower holds no sequencer key: the sequencer decides, the follower relays its answer.
            return await ForwardedSubmission.ForwardAsync(request, sequencer, request.HttpContext.RequestServices.GetRequiredService<FollowerStatus>(),
                options.Value.Api.MaxTransactionBodyBytes);
        }

        var (body, problem) = await JsonBody.ReadAsync(request, ApiJsonContext.Default.SubmitTransactionRequest, options.Value.Api.MaxTransactionBodyBytes);
        if (problem is not null)
        {
            return problem;
        }

        if (string.IsNullOrEmpty(body!.Transaction))
        {
            return ApiProblems.Create(400, ErrorCodes.MalformedJson, "\"transaction\" (base64 canonical bytes) is required");
        }

        var bytes = new byte[Base64.GetMaxDecodedFromUtf8Length(body.Transaction.Length)];
        if (!Convert.TryFromBase64String(body.Transaction, bytes, out var length))
        {
            return ApiProblems.Create(400, ErrorCodes.BadBase64, "\"transaction\" is not valid base64");
        }

        if (!TransactionCodec.TryDecode(bytes.AsSpan(0, length), out var tx, out var formatError))
        {
            metrics.TransactionRejected(formatError.Code);
            return ApiProblems.Create(400, formatError.Code, formatError.Message);
        }

        var ledger = node.Ledger;
        var started = Stopwatch.GetTimestamp();
        var result = await ledger.ApplyAsync(tx, CancellationToken.None);
        if (!result.IsAccepted)
        {
            metrics.TransactionRejected(result.Code);
            return ApiProblems.ForCode(result.Code, result.Detail ?? result.Code);
        }

        metrics.TransactionAccepted(Stopwatch.GetElapsedTime(started));
        if (!result.AlreadyApplied)
        {
            node.PublishPending(tx);
        }

        return TypedResults.Ok(DtoMapper.Receipt(result.Receipt));
    }

    private static async Task<IResult> Get(string txid, NodeLedger node, CancellationToken ct)
    {
        if (!RouteValues.TryTxId(txid, out var id, out var problem))
        {
            return problem;
        }

        var ledger = node.Ledger;
        if (await ledger.GetTransactionAsync(id, ct) is not { } tx)
        {
            return ApiProblems.NotFound($"no transaction {id}");
        }

        var proof = tx.Status == TransactionStatus.Pending ? null : await ledger.GetTransactionProofAsync(id, ct);
        return TypedResults.Ok(DtoMapper.Transaction(tx, proof));
    }

    private static async Task<IResult> Proof(string txid, NodeLedger node, CancellationToken ct)
    {
        if (!RouteValues.TryTxId(txid, out var id, out var problem))
        {
            return problem;
        }

        var ledger = node.Ledger;
        if (await ledger.GetTransactionProofAsync(id, ct) is { } proof)
        {
            return TypedResults.Ok(DtoMapper.TxProof(proof));
        }

        return await ledger.GetTransactionAsync(id, ct) is null
            ? ApiProblems.NotFound($"no transaction {id}")
            : ApiProblems.Create(404, ErrorCodes.NotSealed, $"transaction {id} is pending: not yet in a sealed block");
    }
}
