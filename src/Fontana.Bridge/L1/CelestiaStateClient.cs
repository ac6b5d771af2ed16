using System.Buffers;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Fontana.Core.Bridge;
using Fontana.Core.Errors;

namespace Fontana.Bridge.L1;

/// <summary>
/// celestia-node's <c>state</c> module over JSON-RPC 2.0 (go-jsonrpc, HTTP POST, positional params, bearer token):
/// <list type="bullet">
/// <item><c>state.Balance()</c> → the node's own account (the vault) as <c>sdk.Coin</c> <c>{"denom":"utia","amount":"…"}</c>,
/// read at head − 1 (celestia-node <c>state/core_access.go</c> <c>BalanceForAddress</c>).</item>
/// <item><c>state.BalanceForAddress(addr)</c>, the same for any bech32 address.</item>
/// <item><c>state.Transfer(to, amount, config)</c>: <c>to</c> a bech32 string (<c>sdk.AccAddress</c>), <c>amount</c> a
/// decimal <em>string</em> (<c>math.Int</c>; a JSON number is refused), <c>config</c> the <c>TxConfig</c> object
/// (<c>state/txclient/tx_config.go</c> <c>jsonTxConfig</c>); answers <c>sdk.TxResponse</c> with <c>height</c> a number
/// and <c>code</c> omitted when 0 (<c>nodebuilder/state/state.go</c> <c>Module</c>).</item>
/// </list>
/// Failures are <see cref="L1Exception"/>s: unreachable/timeout/5xx <c>l1-unavailable</c>, 401/403 <c>l1-auth</c>,
/// JSON-RPC errors classified by message (<see cref="Classify"/>).
/// </summary>
public sealed class CelestiaStateClient(HttpClient http, L1Options options, TimeProvider time)
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");
    private long _nextId;

    /// <summary>The vault's (the node's account's) utia balance.</summary>
    public async Task<ulong> BalanceAsync(CancellationToken cancellationToken) =>
        ReadCoin(await CallAsync("state.Balance", _ => { }, cancellationToken), "state.Balance");

    /// <summary>The utia balance of <paramref name="address"/>.</summary>
    public async Task<ulong> BalanceForAddressAsync(CelestiaAddress address, CancellationToken cancellationToken) =>
        ReadCoin(await CallAsync("state.BalanceForAddress", w => w.WriteStringValue(address.Text), cancellationToken), "state.BalanceForAddress");

    /// <summary>Sends <paramref name="utia"/> from the vault to <paramref name="to"/>; returns once included.</summary>
    public async Task<L1TxResult> TransferAsync(CelestiaAddress to, ulong utia, CancellationToken cancellationToken)
    {
        var result = await CallAsync("state.Transfer", w =>
        {
            w.WriteStringValue(to.Text);
            w.WriteStringValue(utia.ToString(CultureInfo.InvariantCulture));
            WriteTxConfig(w);
        }, cancellationToken);
        return ReadTxResponse(result, "state.Transfer");
    }

    /// <summary>celestia-node <c>state/txclient/tx_config.go</c> <c>jsonTxConfig</c>: an object; <c>max_gas_price</c> has no
    /// omitempty; <c>gas_price</c> counts only with <c>is_gas_price_set</c>.</summary>
    private void WriteTxConfig(Utf8JsonWriter w)
    {
        w.WriteStartObject();
        if (options.GasPrice is { } price)
        {
            w.WriteNumber("gas_price", price);
            w.WriteBoolean("is_gas_price_set", true);
        }

        w.WriteNumber("max_gas_price", options.MaxGasPrice ?? 0);
        w.WriteEndObject();
    }

    private async Task<JsonElement> CallAsync(string method, Action<Utf8JsonWriter> writeParams, CancellationToken cancellationToken)
    {
        var id = Interlocked.Increment(ref _nextId);
        var url = new Uri(options.RpcUrl);
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(BuildRequest(id, method, writeParams)) };
        request.Content.Headers.ContentType = Json;
        if (!string.IsNullOrEmpty(options.AuthToken))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", options.AuthToken);
        }

        using var timeout = new CancellationTokenSource(options.RequestTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        HttpStatusCode status;
        byte[] body;
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, linked.Token);
            status = response.StatusCode;
            body = await response.Content.ReadAsByteArrayAsync(linked.Token);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new L1Exception(ErrorCodes.L1Unavailable, $"{method}: no answer from {url} within {options.RequestTimeout}", e);
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            throw new L1Exception(ErrorCodes.L1Unavailable, $"{method}: cannot reach {url}: {e.Message}", e);
        }

        return Interpret(method, id, status, body);
    }

    private static JsonElement Interpret(string method, long id, HttpStatusCode status, byte[] body)
    {
        if (status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            throw new L1Exception(ErrorCodes.L1Auth, $"{method}: the celestia-node refused the auth token (HTTP {(int)status})");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            throw (int)status >= 500 || (int)status < 200
                ? new L1Exception(ErrorCodes.L1Unavailable, $"{method}: HTTP {(int)status} from the celestia-node")
                : BadResponse(method, "body is not JSON");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object)
            {
                var message = error.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() ?? "" : "";
                throw new L1Exception(Classify(message), $"{method}: {message}");
            }

            if ((int)status >= 300)
            {
                throw new L1Exception(ErrorCodes.L1Unavailable, $"{method}: HTTP {(int)status} from the celestia-node");
            }

            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("id", out var rid) || !rid.TryGetInt64(out var n) || n != id)
            {
                throw BadResponse(method, $"not a JSON-RPC 2.0 response to request {id}");
            }

            return root.TryGetProperty("result", out var result) ? result.Clone() : throw BadResponse(method, "no result");
        }
    }

    /// <summary>The code of a celestia-node / cosmos-sdk error message: <c>missing permission</c> (go-jsonrpc auth),
    /// <c>insufficient funds</c> (cosmos-sdk <c>ErrInsufficientFunds</c>), <c>insufficient fee</c> / gas price
    /// (<c>ErrInsufficientFee</c>, txclient's max gas price), otherwise <c>l1-tx-failed</c>.</summary>
    internal static string Classify(string message)
    {
        bool Has(string text) => message.Contains(text, StringComparison.OrdinalIgnoreCase);
        return Has("missing permission") ? ErrorCodes.L1Auth
            : Has("insufficient funds") ? ErrorCodes.L1InsufficientFunds
            : Has("insufficient fee") || Has("gas price") ? ErrorCodes.L1FeeTooLow
            : Has("connection refused") || Has("timed out") || Has("context deadline exceeded") ? ErrorCodes.L1Unavailable
            : ErrorCodes.L1TxFailed;
    }

    private static byte[] BuildRequest(long id, string method, Action<Utf8JsonWriter> writeParams)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("jsonrpc", "2.0");
            w.WriteNumber("id", id);
            w.WriteString("method", method);
            w.WriteStartArray("params");
            writeParams(w);
            w.WriteEndArray();
            w.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary><c>sdk.Coin</c>: <c>{"denom":"utia","amount":"123"}</c> (the amount a decimal string).</summary>
    private static ulong ReadCoin(JsonElement e, string method)
    {
        if (e.ValueKind != JsonValueKind.Object || !e.TryGetProperty("denom", out var denom) || denom.GetString() != "utia")
        {
            throw BadResponse(method, "result is not a utia coin");
        }

        return e.TryGetProperty("amount", out var a) && a.ValueKind == JsonValueKind.String
            && ulong.TryParse(a.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var utia)
            ? utia
            : throw BadResponse(method, "coin amount is not a decimal string");
    }

    /// <summary><c>sdk.TxResponse</c> (encoding/json of the gogoproto struct): <c>height</c> int64 as a number, <c>txhash</c>,
    /// <c>code</c> uint32 omitted when 0, <c>raw_log</c>.</summary>
    private static L1TxResult ReadTxResponse(JsonElement e, string method)
    {
        if (e.ValueKind != JsonValueKind.Object)
        {
            throw BadResponse(method, "result is not a TxResponse");
        }

        if (e.TryGetProperty("code", out var code) && code.TryGetUInt32(out var c) && c != 0)
        {
            var log = e.TryGetProperty("raw_log", out var raw) ? raw.GetString() : null;
            throw new L1Exception(Classify(log ?? ""), $"{method}: the L1 rejected the transaction (code {c}): {log}");
        }

        if (!e.TryGetProperty("txhash", out var hash) || hash.ValueKind != JsonValueKind.String || string.IsNullOrEmpty(hash.GetString()))
        {
            throw BadResponse(method, "TxResponse has no txhash");
        }

        if (!e.TryGetProperty("height", out var height) || height.ValueKind != JsonValueKind.Number || !height.TryGetInt64(out var h) || h <= 0)
        {
            throw BadResponse(method, "TxResponse height is not a positive number");
        }

        return new L1TxResult(hash.GetString()!, h);
    }

    private static L1Exception BadResponse(string method, string reason) =>
        new(ErrorCodes.L1BadResponse, $"{method}: unexpected answer from the celestia-node: {reason}");
}
