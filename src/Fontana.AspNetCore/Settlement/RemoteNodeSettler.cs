using System.Net.Http.Headers;
using Fontana.Core.Errors;
using Fontana.Core.X402;

namespace Fontana.AspNetCore.Settlement;

/// <summary>
/// Settles through a remote node's x402 facilitator: <c>POST {node}/v1/x402/settle</c> with
/// <c>{paymentPayload, paymentRequirements}</c>; the node verifies again, applies the transaction and answers
/// with a <see cref="SettlementResponse"/> whose extensions hold the receipt. Refusals are read back to the ledger's
/// own code (<c>extensions.fontana.ledgerCode</c>, e.g. <c>input-spent</c>) so clients see what they did before. A
/// <c>duplicate_settlement</c> answer means the transaction was applied earlier: its receipt (carried in the answer,
/// else read from <c>GET {node}/v1/transactions/{txid}</c>) is returned as <see cref="SettleOutcome.AlreadySettled"/>, which the
/// payment gate never treats as a new payment.
/// </summary>
internal sealed class RemoteNodeSettler : IPaymentSettler
{
    /// <summary>The named <see cref="HttpClient"/> this settler uses (configure it with <c>AddHttpClient</c>).</summary>
    public const string HttpClientName = "Fontana.RemoteNodeSettler";

    private static readonly MediaTypeHeaderValue Json = new("application/json");

    private readonly IHttpClientFactory _clients;
    private readonly Uri _settleUri;
    private readonly Uri _nodeUrl;

    public RemoteNodeSettler(IHttpClientFactory clients, Uri nodeUrl)
    {
        ArgumentNullException.ThrowIfNull(clients);
        ArgumentNullException.ThrowIfNull(nodeUrl);
        _clients = clients;
        _nodeUrl = EnsureTrailingSlash(nodeUrl);
        _settleUri = new Uri(_nodeUrl, "v1/x402/settle");
    }

    public async ValueTask<SettleOutcome> SettleAsync(PaymentToSettle payment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(payment);
        var body = X402Json.SerializeToUtf8Bytes(new FacilitatorRequest
        {
            PaymentPayload = payment.Payload,
            PaymentRequirements = payment.Requirements,
        });
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = Json;
        var client = _clients.CreateClient(HttpClientName);
        byte[] responseBytes;
        System.Net.HttpStatusCode status;
        try
        {
            using var response = await client.PostAsync(_settleUri, content, cancellationToken).ConfigureAwait(false);
            status = response.StatusCode;
            responseBytes = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException)
        {
            return SettleOutcome.Unavailable(X402ErrorReasons.UnexpectedSettleError, $"the node at {_settleUri} did not answer: {ex.Message}");
        }

        SettlementResponse settlement;
        try
        {
            settlement = X402Json.Deserialize<SettlementResponse>(responseBytes);
        }
        catch (X402FormatException ex)
        {
            return SettleOutcome.Unavailable(
                X402ErrorReasons.UnexpectedSettleError, $"the node answered {(int)status} without a settlement response: {ex.Message}");
        }

        if (!settlement.Success && settlement.ErrorReason == X402ErrorReasons.DuplicateSettlement)
        {
            return await EarlierSettlementAsync(client, payment, settlement, cancellationToken).ConfigureAwait(false);
        }

        if (!settlement.Success)
        {
            var reason = X402LedgerReasons.ReadLedgerCode(settlement.Extensions)
                ?? (string.IsNullOrEmpty(settlement.ErrorReason) ? X402ErrorReasons.UnexpectedSettleError : settlement.ErrorReason);
            var detail = settlement.ErrorMessage ?? reason;
            return (int)status >= 500 || reason is X402ErrorReasons.UnexpectedSettleError or ErrorCodes.LedgerUnavailable
                ? SettleOutcome.Unavailable(reason, detail)
                : SettleOutcome.Rejected(reason, detail);
        }

        if (!FontanaExactReceipt.TryRead(settlement, out var receipt)
            || !string.Equals(receipt.TxId, payment.Transaction.TxId.ToString(), StringComparison.Ordinal))
        {
            return SettleOutcome.Unavailable(X402ErrorReasons.UnexpectedSettleError, "the node's settlement response carries no receipt for this transaction");
        }

        return SettleOutcome.Settled(receipt, FontanaExactReceipt.IsAlreadySettled(settlement));
    }

    /// <summary>The receipt of a transaction the node applied before (a refused duplicate settlement).</summary>
    private async Task<SettleOutcome> EarlierSettlementAsync(
        HttpClient client, PaymentToSettle payment, SettlementResponse refusal, CancellationToken cancellationToken)
    {
        var txId = payment.Transaction.TxId.ToString();
        if (FontanaExactReceipt.TryRead(refusal, out var carried) && carried.TxId == txId)
        {
            return SettleOutcome.Settled(carried, alreadySettled: true);
        }

        try
        {
            using var response = await client.GetAsync(new Uri(_nodeUrl, "v1/transactions/" + txId), cancellationToken).ConfigureAwait(false);
            if (response.IsSuccessStatusCode)
            {
                var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
                var status = System.Text.Json.JsonSerializer.Deserialize(bytes, Fontana.Core.Api.ApiJsonContext.Default.TransactionStatusDto);
                if (status?.Receipt is { } receipt && receipt.TxId == txId)
                {
                    return SettleOutcome.Settled(receipt, alreadySettled: true);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or System.Text.Json.JsonException)
        {
            return SettleOutcome.Unavailable(X402ErrorReasons.UnexpectedSettleError, $"the node refused a duplicate settlement and its receipt could not be read: {ex.Message}");
        }

        return SettleOutcome.Rejected(X402ErrorReasons.DuplicateSettlement, refusal.ErrorMessage ?? X402ErrorReasons.DuplicateSettlement);
    }

    private static Uri EnsureTrailingSlash(Uri uri) =>
        uri.AbsoluteUri.EndsWith('/') ? uri : new Uri(uri.AbsoluteUri + "/");
}
