using System.Globalization;
using Fontana.Core;
using Fontana.Core.Api;
using Fontana.Core.Errors;
using Fontana.Node.Api;
using Fontana.Node.Chain;

namespace Fontana.Node.Bridge;

/// <summary>
/// The bridge's public reads (no key: status is public): <c>GET /v1/withdrawals/{txid}</c>, <c>GET /v1/withdrawals</c>
/// (recent, <c>?address=fnt1…</c> for one wallet's, <c>?limit=</c> ≤ 500), <c>GET /v1/deposits/{l1TxHash}</c>,
/// <c>GET /v1/deposits</c> (recent) and <c>GET /v1/bridge-info</c> (vault address, confirmations, fees).
/// </summary>
internal static class BridgeStatusEndpoints
{
    private const int MaxLimit = 500;

    /// <summary>Gas a payout (one <c>MsgSend</c>) is estimated to use on Celestia, for <see cref="BridgeInfoDto.L1Fee"/>.</summary>
    internal const ulong PayoutGas = 100_000;

    public static void MapBridgeStatus(this RouteGroupBuilder v1)
    {
        v1.MapGet("/withdrawals/{txid}", Withdrawal).WithName("GetWithdrawal").WithTags("Bridge status")
            .WithSummary("pending | paying | paid | confirmed | failed, the L1 tx hash once paid, timestamps.")
            .Produces<WithdrawalStatusDto>().ProducesProblem(400).ProducesProblem(404);
        v1.MapGet("/withdrawals", Withdrawals).WithName("ListWithdrawals").WithTags("Bridge status")
            .WithSummary("Recent withdrawals with their status, newest first (?address=, ?limit=).")
            .Produces<WithdrawalStatusListDto>().ProducesProblem(400);
        v1.MapGet("/deposits/{l1TxHash}", Deposit).WithName("GetDeposit").WithTags("Bridge status")
            .WithSummary("seen (n of N confirmations) | minted (txid) | unclaimed, one entry per message of the L1 transaction.")
            .Produces<DepositStatusListDto>().ProducesProblem(404);
        v1.MapGet("/deposits", Deposits).WithName("ListDeposits").WithTags("Bridge status")
            .WithSummary("Recent transfers to the vault with their status, newest first (?limit=).")
            .Produces<DepositStatusListDto>().ProducesProblem(400);
        v1.MapGet("/bridge-info", Info).WithName("GetBridgeInfo").WithTags("Bridge status")
            .WithSummary("How to deposit (vault address; memo = your fnt1 address) and what a withdrawal costs.")
            .Produces<BridgeInfoDto>();
    }

    private static async Task<IResult> Withdrawal(string txid, BridgeStatusReader reader, CancellationToken ct)
    {
        if (!RouteValues.TryTxId(txid, out var id, out var problem))
        {
            return problem;
        }

        return await reader.GetWithdrawalAsync(id, ct) is { } status
            ? TypedResults.Ok(status)
            : ApiProblems.Create(404, ErrorCodes.UnknownWithdrawal, $"no withdrawal {id} on this ledger");
    }

    private static async Task<IResult> Withdrawals(string? address, string? limit, BridgeStatusReader reader, CancellationToken ct)
    {
        if (!TryLimit(limit, out var n, out var problem))
        {
            return problem;
        }

        Address? signer = null;
        if (address is not null)
        {
            if (!RouteValues.TryAddress(address, out var a, out problem))
            {
                return problem;
            }

            signer = a;
        }

        return TypedResults.Ok(new WithdrawalStatusListDto([.. await reader.RecentWithdrawalsAsync(n, signer, ct)]));
    }

    private static IResult Deposit(string l1TxHash, BridgeStatusReader reader)
    {
        var deposits = reader.GetDeposits(l1TxHash);
        return deposits.Count > 0
            ? TypedResults.Ok(new DepositStatusListDto([.. deposits]))
            : ApiProblems.Create(404, ErrorCodes.UnknownDeposit, $"no transfer to the vault with L1 hash {l1TxHash} has been seen");
    }

    private static IResult Deposits(string? limit, BridgeStatusReader reader) =>
        TryLimit(limit, out var n, out var problem) ? TypedResults.Ok(new DepositStatusListDto([.. reader.RecentDeposits(n)])) : problem;

    private static async Task<IResult> Info(BridgeRuntime bridge, NodeLedger node, L1FeeQuote quote, CancellationToken ct)
    {
        var o = bridge.Options;
        var price = await quote.GasPriceAsync(ct);
        return TypedResults.Ok(new BridgeInfoDto(bridge.IsEnabled, bridge.Vault?.Text, o.Confirmations,
            node.Ledger.Genesis.MinFee.Utia.ToString(CultureInfo.InvariantCulture), price.FeeFor(PayoutGas).ToString(CultureInfo.InvariantCulture),
            bridge.IsEnabled ? o.FaucetUrl : null, bridge.IsEnabled ? o.FaucetAddress : null,
            price.UtiaPerGas.ToString("R", CultureInfo.InvariantCulture), price.Source));
    }

    private static bool TryLimit(string? text, out int limit, [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out IResult? problem)
    {
        problem = null;
        limit = 100;
        if (text is null)
        {
            return true;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out limit) && limit is >= 1 and <= MaxLimit)
        {
            return true;
        }

        problem = ApiProblems.Create(400, ErrorCodes.BadRequest, $"limit must be between 1 and {MaxLimit}");
        return false;
    }
}
