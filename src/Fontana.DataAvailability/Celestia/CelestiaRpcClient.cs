using System.Globalization;
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
    private readonly CelestiaNodeRpc _rpc = new(http, new Uri(options.Url), options.AuthToken, options.RequestTimeout, time, Failures.Instance);
    private readonly CelestiaTxConfig _txConfig = new()
    {
        GasPrice = options.GasPrice,
        MaxGasPrice = options.MaxGasPrice,
        GasLimit = options.GasLimit,
        TxPriority = (int?)options.TxPriority,
        KeyName = options.KeyName,
        SignerAddress = options.SignerAddress,
        FeeGranterAddress = options.FeeGranterAddress,
    };

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
            _txConfig.WriteTo(w);
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

    internal Task<JsonElement> CallAsync(string method, Action<Utf8JsonWriter> writeParams, CancellationToken cancellationToken) =>
        _rpc.CallAsync(method, writeParams, cancellationToken);

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

    /// <summary>The DA codes of a celestia-node call's failures.</summary>
    private sealed class Failures : ICelestiaRpcFailures
    {
        public static readonly Failures Instance = new();

        public Exception Unreachable(string message, Exception cause) => new DataAvailabilityException(DaErrorCodes.Unavailable, message, cause);

        public Exception Refused(string message) => new DataAvailabilityException(DaErrorCodes.Auth, message);

        public Exception HttpStatus(string method, int status) =>
            new DataAvailabilityException(DaErrorCodes.Unavailable, $"{method}: HTTP {status} from the node");

        public Exception BadResponse(string method, string reason) => CelestiaRpcClient.BadResponse(method, reason);

        public Exception RpcError(string method, long? code, string message) =>
            new DataAvailabilityException(Classify(message), $"{method}: JSON-RPC error {code?.ToString(CultureInfo.InvariantCulture) ?? "?"}: {message}")
            {
                RpcErrorCode = code,
            };
    }
}
