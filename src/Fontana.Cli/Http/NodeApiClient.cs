using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Fontana.Cli.Infrastructure;
using Fontana.Core;
using Fontana.Core.Api;

namespace Fontana.Cli.Http;

/// <summary>
/// The CLI's HTTP client for the node API v1 (the Core.Api DTOs on the wire). Errors come back as
/// <see cref="CliException"/> carrying the node's problem <c>code</c> and <c>detail</c>.
/// </summary>
internal sealed class NodeApiClient : IDisposable
{
    private readonly HttpClient _http;

    public NodeApiClient(Uri baseUrl, TimeSpan? timeout = null)
    {
        _http = new HttpClient { BaseAddress = baseUrl, Timeout = timeout ?? TimeSpan.FromSeconds(30) };
    }

    public Task<NodeInfo> GetInfoAsync(CancellationToken ct) => GetAsync("v1/info", ApiJsonContext.Default.NodeInfo, ct);

    public Task<BalanceDto> GetBalanceAsync(Address address, CancellationToken ct) =>
        GetAsync($"v1/addresses/{address}/balance", ApiJsonContext.Default.BalanceDto, ct);

    public Task<AddressUtxosDto> GetUtxosAsync(Address address, CancellationToken ct) =>
        GetAsync($"v1/addresses/{address}/utxos", ApiJsonContext.Default.AddressUtxosDto, ct);

    public Task<TransactionStatusDto> GetTransactionAsync(Hash32 txId, CancellationToken ct) =>
        GetAsync($"v1/transactions/{txId}", ApiJsonContext.Default.TransactionStatusDto, ct);

    public Task<HeaderDto> GetTipAsync(CancellationToken ct) => GetAsync("v1/headers/tip", ApiJsonContext.Default.HeaderDto, ct);

    /// <summary>Submits canonical transaction bytes; returns the provisional receipt.</summary>
    public Task<ReceiptDto> SubmitAsync(ReadOnlyMemory<byte> transaction, CancellationToken ct) =>
        PostAsync("v1/transactions", new SubmitTransactionRequest(Convert.ToBase64String(transaction.Span)),
            ApiJsonContext.Default.SubmitTransactionRequest, ApiJsonContext.Default.ReceiptDto, null, ct);

    /// <summary>POSTs JSON with optional extra headers (the bridge key), returning the typed answer.</summary>
    public async Task<TResponse> PostAsync<TRequest, TResponse>(
        string path, TRequest body, JsonTypeInfo<TRequest> requestType, JsonTypeInfo<TResponse> responseType,
        IReadOnlyDictionary<string, string>? headers, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body, requestType) };
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        using var response = await _http.SendAsync(request, ct);
        return await ReadAsync(response, responseType, ct);
    }

    public async Task<T> GetAsync<T>(string path, JsonTypeInfo<T> type, CancellationToken ct)
    {
        using var response = await _http.GetAsync(path, ct);
        return await ReadAsync(response, type, ct);
    }

    public void Dispose() => _http.Dispose();

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response, JsonTypeInfo<T> type, CancellationToken ct)
    {
        var bytes = await response.Content.ReadAsByteArrayAsync(ct);
        if (!response.IsSuccessStatusCode)
        {
            throw ProblemToException(response, bytes);
        }

        try
        {
            return JsonSerializer.Deserialize(bytes, type)
                ?? throw new CliException(CliErrorCodes.BadResponse, $"the node answered null for {response.RequestMessage?.RequestUri}");
        }
        catch (JsonException ex)
        {
            throw new CliException(CliErrorCodes.BadResponse, $"the node's answer is not the expected JSON: {ex.Message}");
        }
    }

    private static CliException ProblemToException(HttpResponseMessage response, byte[] body)
    {
        var status = (int)response.StatusCode;
        try
        {
            using var doc = JsonDocument.Parse(body);
            var root = doc.RootElement;
            var code = root.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null;
            var detail = root.TryGetProperty("detail", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString()
                : root.TryGetProperty("title", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
            if (code is not null)
            {
                return new CliException(code, detail ?? $"HTTP {status}");
            }
        }
        catch (JsonException)
        {
            // Not a problem document: fall through.
        }

        return new CliException($"http-{status}", $"the node answered HTTP {status} {response.ReasonPhrase}");
    }
}
