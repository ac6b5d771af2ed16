using System.Net.Http.Headers;
using System.Text.Json;
using Fontana.AspNetCore.Settlement;
using Fontana.Core;
using Fontana.Core.Api;
using Fontana.Core.Crypto;
using Fontana.Core.Errors;
using Fontana.Core.Sessions;

namespace Fontana.AspNetCore.Sessions;

/// <summary>
/// The node as a provider with remote settlement sees it for sessions: looks a session up with
/// <c>GET {node}/v1/sessions/{id}</c> and submits claims and closes with <c>POST {node}/v1/transactions</c>
/// (idempotent: a claim submitted twice gets its first receipt).
/// </summary>
internal sealed class RemoteSessionNode(IHttpClientFactory clients, Uri nodeUrl) : ISessionDirectory, IPaymentLedger
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");
    private readonly Uri _nodeUrl = nodeUrl.AbsoluteUri.EndsWith('/') ? nodeUrl : new Uri(nodeUrl.AbsoluteUri + "/");

    public async Task<SessionState?> GetSessionAsync(Hash32 sessionId, CancellationToken cancellationToken)
    {
        var client = clients.CreateClient(RemoteNodeSettler.HttpClientName);
        using var response = await client.GetAsync(new Uri(_nodeUrl, "v1/sessions/" + sessionId), cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }

        response.EnsureSuccessStatusCode();
        var dto = JsonSerializer.Deserialize(
            await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false), ApiJsonContext.Default.SessionDto)
            ?? throw new HttpRequestException($"the node answered JSON null for session {sessionId}");
        return new SessionState(
            Hash32.Parse(dto.Id),
            Address.Parse(dto.Payer).PublicKey,
            PublicKey.Parse(dto.PayeeKey),
            PublicKey.Parse(dto.SessionKey),
            dto.Expiry,
            Amount.ParseUtia(dto.Deposit),
            Amount.ParseUtia(dto.Claimed),
            dto.Counter,
            dto.Status == "closed");
    }

    public async Task<SettleOutcome> SubmitAsync(ReadOnlyMemory<byte> transaction, CancellationToken cancellationToken)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(
            new SubmitTransactionRequest(Convert.ToBase64String(transaction.Span)), ApiJsonContext.Default.SubmitTransactionRequest);
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = Json;
        var client = clients.CreateClient(RemoteNodeSettler.HttpClientName);
        try
        {
            using var response = await client.PostAsync(new Uri(_nodeUrl, "v1/transactions"), content, cancellationToken).ConfigureAwait(false);
            var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            if (response.IsSuccessStatusCode)
            {
                var receipt = JsonSerializer.Deserialize(bytes, ApiJsonContext.Default.ReceiptDto);
                return receipt is null
                    ? SettleOutcome.Unavailable(ErrorCodes.BadResponse, "the node answered JSON null for a receipt")
                    : SettleOutcome.Settled(receipt);
            }

            var code = ReadCode(bytes) ?? ErrorCodes.InternalError;
            var detail = $"the node answered {(int)response.StatusCode} {code}";
            return (int)response.StatusCode >= 500 ? SettleOutcome.Unavailable(code, detail) : SettleOutcome.Rejected(code, detail);
        }
        catch (Exception ex) when (ex is HttpRequestException or JsonException
            || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return SettleOutcome.Unavailable(ErrorCodes.LedgerUnavailable, $"the node at {_nodeUrl} did not answer: {ex.Message}");
        }
    }

    private static string? ReadCode(byte[] problem)
    {
        try
        {
            using var document = JsonDocument.Parse(problem);
            return document.RootElement.TryGetProperty("code", out var code) && code.ValueKind == JsonValueKind.String ? code.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
