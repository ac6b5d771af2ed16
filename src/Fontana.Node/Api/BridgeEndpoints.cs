using Fontana.Core;
using Fontana.Core.Api;
using Fontana.Core.Encoding;
using Fontana.Core.Errors;
using Fontana.Ledger;
using Fontana.Node.Chain;

namespace Fontana.Node.Api;

/// <summary>
/// The operator's bridge endpoints, behind <see cref="BridgeKeyFilter"/> (never open without a key):
/// <c>POST /v1/bridge/deposits</c>, <c>POST /v1/bridge/withdrawals/{txid}/confirm</c>, <c>GET /v1/bridge/withdrawals</c>.
/// </summary>
internal static class BridgeEndpoints
{
    private const long MaxBodyBytes = 8 * 1024;

    public static void MapBridge(this RouteGroupBuilder v1)
    {
        var bridge = v1.MapGroup("/bridge").AddEndpointFilter<BridgeKeyFilter>().WithTags("Bridge");
        bridge.MapPost("/deposits", Deposit).WithName("BridgeDeposit")
            .WithSummary("Mint an L1 deposit (idempotent per l1TxRef). Needs the bridge key header.")
            .Accepts<BridgeDepositRequest>("application/json").Produces<ReceiptDto>()
            .ProducesProblem(400).ProducesProblem(401).ProducesProblem(403).ProducesProblem(409).ProducesProblem(503)
            .WithMetadata(new RequestSizeLimit(MaxBodyBytes));
        bridge.MapPost("/withdrawals/{txid}/confirm", Confirm).WithName("BridgeConfirmWithdrawal")
            .WithSummary("Confirm a withdrawal paid out on L1. Needs the bridge key header.")
            .Accepts<WithdrawalConfirmRequest>("application/json").Produces<ReceiptDto>()
            .ProducesProblem(400).ProducesProblem(401).ProducesProblem(403).ProducesProblem(409).ProducesProblem(422).ProducesProblem(503)
            .WithMetadata(new RequestSizeLimit(MaxBodyBytes));
        bridge.MapGet("/withdrawals", Pending).WithName("BridgePendingWithdrawals")
            .WithSummary("Withdrawals waiting for an L1 payout, oldest first. Needs the bridge key header.")
            .Produces<WithdrawalListDto>().ProducesProblem(401).ProducesProblem(403);
    }

    private static async Task<IResult> Deposit(HttpRequest request, NodeLedger node)
    {
        var (body, problem) = await JsonBody.ReadAsync(request, ApiJsonContext.Default.BridgeDepositRequest, MaxBodyBytes);
        if (problem is not null)
        {
            return problem;
        }

        if (CheckReference(body!.L1TxRef, out var l1TxRef) is { } refProblem)
        {
            return refProblem;
        }

        if (!RouteValues.TryAddress(body.Address ?? string.Empty, out var address, out problem))
        {
            return problem;
        }

        if (!Amount.TryParseUtia(body.Amount, out var amount, out var amountError))
        {
            return ApiProblems.Create(400, ErrorCodes.BadAmount, $"\"amount\" must be utia as a decimal string: {amountError}");
        }

        return Answer(await node.Ledger.ProcessDepositAsync(l1TxRef, address, amount, CancellationToken.None));
    }

    private static async Task<IResult> Confirm(string txid, HttpRequest request, NodeLedger node)
    {
        if (!RouteValues.TryTxId(txid, out var id, out var problem))
        {
            return problem;
        }

        var (body, bodyProblem) = await JsonBody.ReadAsync(request, ApiJsonContext.Default.WithdrawalConfirmRequest, MaxBodyBytes);
        if (bodyProblem is not null)
        {
            return bodyProblem;
        }

        if (CheckReference(body!.L1TxRef, out var l1TxRef) is { } refProblem)
        {
            return refProblem;
        }

        return Answer(await node.Ledger.ProcessWithdrawalConfirmedAsync(id, l1TxRef, CancellationToken.None));
    }

    private static async Task<IResult> Pending(NodeLedger node, CancellationToken ct)
    {
        var pending = await node.Ledger.GetPendingWithdrawalsAsync(1000, ct);
        return TypedResults.Ok(new WithdrawalListDto(pending.Select(Withdrawal).ToArray()));
    }

    /// <summary>The L1 reference, trimmed (so <c>" TX "</c> and <c>"TX"</c> are one deposit): 400 <c>bad-request</c> when
    /// missing, 400 <c>external-ref-too-long</c> over <see cref="TransactionCodec.MaxExternalRefLength"/> UTF-8 bytes.</summary>
    private static IResult? CheckReference(string? raw, out string l1TxRef)
    {
        l1TxRef = raw?.Trim() ?? string.Empty;
        if (l1TxRef.Length == 0)
        {
            return ApiProblems.Create(400, ErrorCodes.BadRequest, "\"l1TxRef\" is required");
        }

        var bytes = System.Text.Encoding.UTF8.GetByteCount(l1TxRef);
        return bytes > TransactionCodec.MaxExternalRefLength
            ? ApiProblems.Create(400, ErrorCodes.ExternalRefTooLong,
                $"\"l1TxRef\" is {bytes} UTF-8 bytes (limit {TransactionCodec.MaxExternalRefLength})")
            : null;
    }

    internal static WithdrawalDto Withdrawal(WithdrawalInfo w) => new(
        w.TxId.ToString(), w.L1Address, DtoMapper.Utia(w.Amount), w.Confirmed, w.ConfirmationTxId?.ToString(), w.L1TxRef);

    private static IResult Answer(ApplyResult result)
    {
        if (!result.IsAccepted)
        {
            return result.Code == LedgerErrorCodes.KeyMissing
                ? ApiProblems.Create(503, ErrorCodes.NotReady, "the node has no bridge authority key (Fontana:BridgeAuthorityKeyPath)")
                : ApiProblems.ForCode(result.Code, result.Detail ?? result.Code);
        }

        return TypedResults.Ok(DtoMapper.Receipt(result.Receipt));
    }
}
