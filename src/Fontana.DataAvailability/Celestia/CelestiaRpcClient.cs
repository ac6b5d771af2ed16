using System.Buffers;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Fontana.DataAvailability.Celestia;

/// <summary>
/// celestia-node's JSON-RPC 2.0 over HTTP POST (go-jsonrpc): positional params, <c>[]byte</c> as base64 strings,
/// <c>uint64</c> as JSON numbers, <c>Authorization: Bearer &lt;jwt&gt;</c>. go-jsonrpc answers an error returned by a
/// method with HTTP 200 and a JSON-RPC error object (code 1; <c>handler.go</c> <c>createError</c>), protocol errors
/// (parse error, unknown method) with HTTP 500 or 400 (<c>server.go</c> <c>rpcError</c>), and a bad token with a bare
/// HTTP 401. Every failure becomes a <see cref="DataAvailabilityException"/> classified by the node's real message
/// (docs/data-availability.md, "Errors").
/// </summary>
internal sealed class CelestiaRpcClient(HttpClient http, CelestiaOptions options, TimeProvider time)
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");
    private readonly Uri _url = new(options.Url);
    private long _nextId;

    /// <summary><c>blob.Submit([blobs], txConfig)</c> → the Celestia height the blobs were included at.</summary>
    public async Task<ulong> SubmitAsync(IReadOnlyList<CelestiaBlob> blobs, CancellationToken cancellationToken)
    {
        var result = await CallAsync("blob.Submit", w =>
        {
            w.WriteStartArray();
            foreach (var blob in blobs)
            {
                WriteBlob(w, blob);
            }

            w.WriteEndArray();
            WriteTxConfig(w);
        }, cancellationToken);
        return ReadHeight(result, "blob.Submit");
    }

    /// <summary><c>blob.GetAll(height, [namespace])</c>; null and "blob: not found" both mean none. Every other error
    /// (a header gap, syncing, pruned) throws: it never reads as "no blob".</summary>
    public async Task<List<CelestiaBlob>> GetAllAsync(ulong height, byte[] ns, CancellationToken cancellationToken)
    {
        JsonElement result;
        try
        {
            result = await CallAsync("blob.GetAll", w =>
            {
                w.WriteNumberValue(height);
                w.WriteStartArray();
                w.WriteBase64StringValue(ns);
                w.WriteEndArray();
            }, cancellationToken);
        }
        catch (DataAvailabilityException e) when (e.Code == DaErrorCodes.NotFound)
        {
            return [];
        }

        if (result.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        if (result.ValueKind != JsonValueKind.Array)
        {
            throw BadResponse("blob.GetAll", "result is neither an array nor null");
        }

        return [.. result.EnumerateArray().Select(b => ReadBlob(b, "blob.GetAll"))];
    }

    /// <summary><c>blob.Get(height, namespace, commitment)</c>; null when the node reports "blob: not found".</summary>
    public async Task<CelestiaBlob?> GetAsync(ulong height, byte[] ns, byte[] commitment, CancellationToken cancellationToken)
    {
        try
        {
            var result = await CallAsync("blob.Get", w =>
            {
                w.WriteNumberValue(height);
                w.WriteBase64StringValue(ns);
                w.WriteBase64StringValue(commitment);
            }, cancellationToken);
            return result.ValueKind == JsonValueKind.Null ? null : ReadBlob(result, "blob.Get");
        }
        catch (DataAvailabilityException e) when (e.Code == DaErrorCodes.NotFound)
        {
            return null;
        }
    }

    /// <summary><c>header.GetByHeight(height)</c> → the header's height (checks the node has it).</summary>
    public async Task<ulong> GetHeaderHeightAsync(ulong height, CancellationToken cancellationToken) =>
        ReadHeaderHeight(await CallAsync("header.GetByHeight", w => w.WriteNumberValue(height), cancellationToken), "header.GetByHeight");

    /// <summary><c>header.LocalHead()</c> → the highest header the node has stored (what it can serve now).</summary>
    public async Task<ulong> LocalHeadAsync(CancellationToken cancellationToken) =>
        ReadHeaderHeight(await CallAsync("header.LocalHead", _ => { }, cancellationToken), "header.LocalHead");

    /// <summary><c>header.WaitForHeight(height)</c>: blocks until the node has the header (no "too far ahead" rule:
    /// celestia-node <c>nodebuilder/header/service.go</c> waits in the store; our request timeout bounds it).</summary>
    public async Task<ulong> WaitForHeightAsync(ulong height, CancellationToken cancellationToken) =>
        ReadHeaderHeight(await CallAsync("header.WaitForHeight", w => w.WriteNumberValue(height), cancellationToken), "header.WaitForHeight");

    /// <summary><c>header.NetworkHead()</c> → the height of the network head as the node's syncer sees it.</summary>
    public async Task<ulong> NetworkHeadAsync(CancellationToken cancellationToken) =>
        ReadHeaderHeight(await CallAsync("header.NetworkHead", _ => { }, cancellationToken), "header.NetworkHead");

    internal async Task<JsonElement> CallAsync(string method, Action<Utf8JsonWriter> writeParams, CancellationToken cancellationToken)
    {
        var id = Interlocked.Increment(ref _nextId);
        using var request = new HttpRequestMessage(HttpMethod.Post, _url) { Content = new ByteArrayContent(BuildRequest(id, method, writeParams)) };
        request.Content.Headers.ContentType = Json;
        if (options.AuthToken is { } token)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
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
            throw new DataAvailabilityException(DaErrorCodes.Unavailable, $"{method}: no answer from {_url} within {options.RequestTimeout}", e);
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            throw new DataAvailabilityException(DaErrorCodes.Unavailable, $"{method}: cannot reach {_url}: {e.Message}", e);
        }

        return Interpret(method, id, status, body);
    }

    private static JsonElement Interpret(string method, long id, HttpStatusCode status, byte[] body)
    {
        if (status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            throw new DataAvailabilityException(DaErrorCodes.Auth, $"{method}: the node refused the auth token (HTTP {(int)status})");
        }

        var success = (int)status is >= 200 and < 300;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            throw success
                ? BadResponse(method, "body is not JSON")
                : new DataAvailabilityException(DaErrorCodes.Unavailable, $"{method}: HTTP {(int)status} from the node");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object)
            {
                throw RpcError(method, error);
            }

            if (!success)
            {
                throw new DataAvailabilityException(DaErrorCodes.Unavailable, $"{method}: HTTP {(int)status} from the node");
            }

            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("jsonrpc", out var version) || version.ValueKind != JsonValueKind.String || version.GetString() != "2.0")
            {
                throw BadResponse(method, "not a JSON-RPC 2.0 response");
            }

            if (!root.TryGetProperty("id", out var responseId) || responseId.ValueKind != JsonValueKind.Number
                || !responseId.TryGetInt64(out var n) || n != id)
            {
                throw BadResponse(method, $"response id does not match request id {id}");
            }

            return root.TryGetProperty("result", out var result) ? result.Clone() : throw BadResponse(method, "no result");
        }
    }

    private static DataAvailabilityException RpcError(string method, JsonElement error)
    {
        long? code = error.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.Number && c.TryGetInt64(out var v) ? v : null;
        var message = error.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() ?? "" : "";
        var codeText = code?.ToString(CultureInfo.InvariantCulture) ?? "?";
        return new DataAvailabilityException(Classify(message), $"{method}: JSON-RPC error {codeText}: {message}") { RpcErrorCode = code };
    }

    /// <summary>
    /// The DA code of a celestia-node error message. Only celestia-node's <c>blob: not found</c>
    /// (<c>blob/service.go</c> <c>ErrBlobNotFound</c>) means absence; a header gap (<c>header: not found</c>) is transient.
    /// </summary>
    internal static string Classify(string message)
    {
        bool Has(string text) => message.Contains(text, StringComparison.OrdinalIgnoreCase);
        return Has("missing permission") ? DaErrorCodes.Auth
            : Has("blob: not found") ? DaErrorCodes.NotFound
            : Has("below Tail") ? DaErrorCodes.Pruned // nodebuilder/header/service.go GetByHeight
            : Has("syncing in progress") || Has("given height is from the future") ? DaErrorCodes.Syncing
            : Has("insufficient minimum gas price") || Has("insufficient fee") || Has("exceeds max gas price") || Has("max gas price")
                ? DaErrorCodes.FeeTooLow // cosmos-sdk ErrInsufficientFee (code 13); txclient's estimate above max_gas_price
            : Has("MaxTxSize") || Has("exceeds maximum allowed limit") || Has("blobs too large") || Has("tx too large")
                ? DaErrorCodes.TooLarge // celestia-app app/check_tx.go ErrTxExceedsMaxSize; x/blob ErrBlobsTooLarge
            : DaErrorCodes.RpcError;
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

    private static void WriteBlob(Utf8JsonWriter w, CelestiaBlob blob)
    {
        w.WriteStartObject();
        w.WriteBase64String("namespace", blob.Namespace);
        w.WriteBase64String("data", blob.Data);
        w.WriteNumber("share_version", blob.ShareVersion);
        w.WriteBase64String("commitment", blob.Commitment);
        w.WriteNumber("index", blob.Index);
        w.WriteEndObject();
    }

    /// <summary>celestia-node <c>state/txclient/tx_config.go</c> <c>jsonTxConfig</c>: always an object (a <c>null</c> makes
    /// the node fail); <c>gas_price</c> counts only with <c>is_gas_price_set: true</c>; <c>max_gas_price</c> has no
    /// omitempty (0 = the node's default cap); the other fields are omitempty.</summary>
    private void WriteTxConfig(Utf8JsonWriter w)
    {
        w.WriteStartObject();
        if (options.GasPrice is { } price)
        {
            w.WriteNumber("gas_price", price);
            w.WriteBoolean("is_gas_price_set", true);
        }

        w.WriteNumber("max_gas_price", options.MaxGasPrice ?? 0);
        if (options.GasLimit is { } gas)
        {
            w.WriteNumber("gas", gas);
        }

        if (options.TxPriority is { } priority)
        {
            w.WriteNumber("tx_priority", (int)priority);
        }

        WriteIfSet(w, "key_name", options.KeyName);
        WriteIfSet(w, "signer_address", options.SignerAddress);
        WriteIfSet(w, "fee_granter_address", options.FeeGranterAddress);
        w.WriteEndObject();
    }

    private static void WriteIfSet(Utf8JsonWriter w, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            w.WriteString(name, value);
        }
    }

    internal static CelestiaBlob ReadBlob(JsonElement e, string method)
    {
        if (e.ValueKind != JsonValueKind.Object)
        {
            throw BadResponse(method, "a blob is not an object");
        }

        var ns = ReadBase64(e, "namespace", method);
        if (ns.Length != CelestiaNamespace.Size)
        {
            throw BadResponse(method, $"blob namespace has {ns.Length} bytes, not {CelestiaNamespace.Size}");
        }

        var commitment = ReadBase64(e, "commitment", method);
        var data = ReadBase64(e, "data", method);
        if (!e.TryGetProperty("share_version", out var sv) || sv.ValueKind != JsonValueKind.Number || !sv.TryGetUInt32(out var shareVersion))
        {
            throw BadResponse(method, "blob share_version is not a number");
        }

        long index = -1;
        if (e.TryGetProperty("index", out var ix) && (ix.ValueKind != JsonValueKind.Number || !ix.TryGetInt64(out index)))
        {
            throw BadResponse(method, "blob index is not a number");
        }

        return new CelestiaBlob(ns, data, shareVersion, commitment, index);
    }

    private static byte[] ReadBase64(JsonElement e, string name, string method)
    {
        if (!e.TryGetProperty(name, out var p) || p.ValueKind != JsonValueKind.String || !p.TryGetBytesFromBase64(out var bytes))
        {
            throw BadResponse(method, $"blob {name} is not a base64 string");
        }

        return bytes;
    }

    private static ulong ReadHeight(JsonElement e, string method) =>
        e.ValueKind == JsonValueKind.Number && e.TryGetUInt64(out var h) && h > 0 ? h : throw BadResponse(method, "result is not a height");

    /// <summary>ExtendedHeader JSON: <c>{"header": {"height": "123", …}, "commit", "validator_set", "dah"}</c>; tendermint writes int64 as a string.</summary>
    private static ulong ReadHeaderHeight(JsonElement e, string method)
    {
        if (e.ValueKind == JsonValueKind.Object && e.TryGetProperty("header", out var header) && header.ValueKind == JsonValueKind.Object
            && header.TryGetProperty("height", out var h))
        {
            if (h.ValueKind == JsonValueKind.String && ulong.TryParse(h.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var s) && s > 0)
            {
                return s;
            }

            if (h.ValueKind == JsonValueKind.Number && h.TryGetUInt64(out var n) && n > 0)
            {
                return n;
            }
        }

        throw BadResponse(method, "result has no header.height");
    }

    private static DataAvailabilityException BadResponse(string method, string reason) =>
        new(DaErrorCodes.BadResponse, $"{method}: unexpected response from the node: {reason}");
}
