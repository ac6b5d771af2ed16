using System.Buffers;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Fontana.DataAvailability.Celestia;

/// <summary>
/// One JSON-RPC 2.0 call to a celestia-node over HTTP POST, as go-jsonrpc serves it: positional params,
/// <c>Authorization: Bearer &lt;jwt&gt;</c>; an error returned by a method comes back as HTTP 200 with a JSON-RPC error
/// object (<c>handler.go</c> <c>createError</c>), protocol errors as HTTP 400/500 (<c>server.go</c> <c>rpcError</c>), a bad
/// token as a bare HTTP 401. Shared by the DA client (<c>blob</c>, <c>header</c>) and the bridge's L1 client
/// (<c>state</c>); each names the failures in its own catalogue through <see cref="ICelestiaRpcFailures"/>.
/// </summary>
/// <param name="http">The HTTP client (its own timeout is not relied on: <paramref name="requestTimeout"/> bounds each call).</param>
/// <param name="url">The node's RPC address.</param>
/// <param name="authToken">The node's JWT, or null for a node started without auth.</param>
/// <param name="requestTimeout">How long one call may take.</param>
/// <param name="time">The clock of the timeout.</param>
/// <param name="failures">The caller's exceptions.</param>
public sealed class CelestiaNodeRpc(
    HttpClient http, Uri url, string? authToken, TimeSpan requestTimeout, TimeProvider time, ICelestiaRpcFailures failures)
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");
    private long _nextId;

    /// <summary>The node's RPC address.</summary>
    public Uri Url => url;

    /// <summary>Calls <paramref name="method"/> with the params <paramref name="writeParams"/> writes (inside the params
    /// array) and returns its <c>result</c> (a detached copy); every failure is one of the caller's <see cref="ICelestiaRpcFailures"/>.</summary>
    public async Task<JsonElement> CallAsync(string method, Action<Utf8JsonWriter> writeParams, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(writeParams);
        var id = Interlocked.Increment(ref _nextId);
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(BuildRequest(id, method, writeParams)) };
        request.Content.Headers.ContentType = Json;
        if (!string.IsNullOrEmpty(authToken))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", authToken);
        }

        using var timeout = new CancellationTokenSource(requestTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        HttpStatusCode status;
        byte[] body;
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, linked.Token).ConfigureAwait(false);
            status = response.StatusCode;
            body = await response.Content.ReadAsByteArrayAsync(linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw failures.Unreachable($"{method}: no answer from {url} within {requestTimeout}", e);
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            throw failures.Unreachable($"{method}: cannot reach {url}: {e.Message}", e);
        }

        return Interpret(method, id, status, body);
    }

    private JsonElement Interpret(string method, long id, HttpStatusCode status, byte[] body)
    {
        if (status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            throw failures.Refused($"{method}: the celestia-node refused the auth token (HTTP {(int)status})");
        }

        var success = (int)status is >= 200 and < 300;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            throw success ? failures.BadResponse(method, "body is not JSON") : failures.HttpStatus(method, (int)status);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object)
            {
                long? code = error.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.Number && c.TryGetInt64(out var v) ? v : null;
                var message = error.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() ?? "" : "";
                throw failures.RpcError(method, code, message);
            }

            if (!success)
            {
                throw failures.HttpStatus(method, (int)status);
            }

            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("jsonrpc", out var version) || version.ValueKind != JsonValueKind.String || version.GetString() != "2.0")
            {
                throw failures.BadResponse(method, "not a JSON-RPC 2.0 response");
            }

            if (!root.TryGetProperty("id", out var responseId) || responseId.ValueKind != JsonValueKind.Number
                || !responseId.TryGetInt64(out var n) || n != id)
            {
                throw failures.BadResponse(method, $"response id does not match request id {id}");
            }

            return root.TryGetProperty("result", out var result) ? result.Clone() : throw failures.BadResponse(method, "no result");
        }
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
}
