using System.Globalization;
using System.Net;
using System.Text.Json;
using Fontana.Core.Errors;

namespace Fontana.Bridge.L1;

/// <summary>
/// Finds transfers on L1 through a consensus node's Cosmos SDK REST API (gRPC-gateway, port 1317):
/// <c>GET /cosmos/tx/v1beta1/txs?query=…&amp;order_by=ORDER_BY_ASC&amp;page=N&amp;limit=M</c> (cosmos-sdk
/// <c>proto/cosmos/tx/v1beta1/service.proto</c> <c>GetTxsEvent</c>; v0.50 reads <c>query</c> only — <c>events=</c>
/// fails with HTTP 500 — puts the count in <c>total</c>, a decimal string, and leaves <c>pagination</c> null) and
/// <c>GET /cosmos/base/tendermint/v1beta1/blocks/latest</c> for the head height.
/// Why REST rather than CometBFT <c>tx_search</c>: the REST answer carries each transaction decoded
/// (<c>txs[i].body.memo</c>, <c>MsgSend</c> with <c>from_address</c>/<c>to_address</c>/<c>amount</c>), while
/// <c>tx_search</c> returns the raw protobuf bytes, so the memo — where the Fontana address is — would need a
/// protobuf decoder of <c>TxRaw</c>/<c>TxBody</c>. Both need the node's tx indexer on (off by default on celestia-app):
/// the node answers <c>transaction indexing is disabled</c>, reported as <c>l1-index-disabled</c>.
/// </summary>
public sealed class CosmosTxQueryClient(HttpClient http, L1Options options, TimeProvider time)
{
    /// <summary>The <c>MsgSend</c> type URL in a decoded transaction.</summary>
    public const string MsgSendType = "/cosmos.bank.v1beta1.MsgSend";

    /// <summary>The height of the latest block the node has.</summary>
    public async Task<long> LatestHeightAsync(CancellationToken cancellationToken)
    {
        using var doc = await GetAsync("cosmos/base/tendermint/v1beta1/blocks/latest", cancellationToken);
        var root = doc.RootElement;
        return root.TryGetProperty("block", out var block) && block.ValueKind == JsonValueKind.Object
            && block.TryGetProperty("header", out var header) && header.ValueKind == JsonValueKind.Object
            && header.TryGetProperty("height", out var h) && h.ValueKind == JsonValueKind.String
            && long.TryParse(h.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var height)
            ? height
            : throw BadResponse("blocks/latest", "block.header.height is not a decimal string");
    }

    /// <summary>Every successful <c>MsgSend</c> to <paramref name="recipient"/> in blocks ≥ <paramref name="fromHeight"/>,
    /// in L1 order (all pages).</summary>
    public Task<IReadOnlyList<L1Transfer>> TransfersToAsync(string recipient, long fromHeight, CancellationToken cancellationToken) =>
        SearchAllAsync($"transfer.recipient='{recipient}' AND tx.height>={fromHeight}", t => t.To == recipient, cancellationToken);

    /// <summary>Every successful <c>MsgSend</c> from <paramref name="sender"/> in blocks ≥ <paramref name="fromHeight"/>.</summary>
    public Task<IReadOnlyList<L1Transfer>> TransfersFromAsync(string sender, long fromHeight, CancellationToken cancellationToken) =>
        SearchAllAsync($"transfer.sender='{sender}' AND tx.height>={fromHeight}", t => t.From == sender, cancellationToken);

    private async Task<IReadOnlyList<L1Transfer>> SearchAllAsync(string query, Func<L1Transfer, bool> keep, CancellationToken cancellationToken)
    {
        var found = new List<L1Transfer>();
        var seen = 0L;
        for (var page = 1; ; page++)
        {
            var path = "cosmos/tx/v1beta1/txs?query=" + Uri.EscapeDataString(query)
                + $"&order_by=ORDER_BY_ASC&page={page}&limit={options.PageSize}";
            using var doc = await GetAsync(path, cancellationToken);
            var (count, total) = ReadPage(doc.RootElement, found, keep);
            seen += count;
            if (count == 0 || seen >= total)
            {
                return found;
            }
        }
    }

    /// <summary>Reads <c>{"txs":[Tx],"tx_responses":[TxResponse],"pagination":null,"total":"N"}</c>; a failed
    /// transaction (<c>code</c> ≠ 0) is skipped (it moved nothing; the real node does not index it as a transfer).</summary>
    private static (int Count, long Total) ReadPage(JsonElement root, List<L1Transfer> found, Func<L1Transfer, bool> keep)
    {
        const string where = "cosmos/tx/v1beta1/txs";
        if (root.ValueKind != JsonValueKind.Object
            || !root.TryGetProperty("txs", out var txs) || txs.ValueKind != JsonValueKind.Array
            || !root.TryGetProperty("tx_responses", out var responses) || responses.ValueKind != JsonValueKind.Array
            || txs.GetArrayLength() != responses.GetArrayLength())
        {
            throw BadResponse(where, "txs and tx_responses are not arrays of one length");
        }

        if (!root.TryGetProperty("total", out var totalText) || totalText.ValueKind != JsonValueKind.String
            || !long.TryParse(totalText.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var total))
        {
            throw BadResponse(where, "total is not a decimal string");
        }

        var count = txs.GetArrayLength();
        for (var i = 0; i < count; i++)
        {
            var response = responses[i];
            var hash = response.TryGetProperty("txhash", out var hv) && hv.ValueKind == JsonValueKind.String ? hv.GetString()! : throw BadResponse(where, "txhash missing");
            var height = response.TryGetProperty("height", out var ht) && ht.ValueKind == JsonValueKind.String
                && long.TryParse(ht.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var hh) ? hh : throw BadResponse(where, "height is not a decimal string");
            var code = response.TryGetProperty("code", out var cv) && cv.ValueKind == JsonValueKind.Number ? cv.GetUInt32() : 0u;
            if (code != 0)
            {
                continue;
            }

            var body = txs[i].TryGetProperty("body", out var b) && b.ValueKind == JsonValueKind.Object ? b : throw BadResponse(where, "tx has no body");
            var memo = body.TryGetProperty("memo", out var mv) && mv.ValueKind == JsonValueKind.String ? mv.GetString()! : string.Empty;
            if (!body.TryGetProperty("messages", out var messages) || messages.ValueKind != JsonValueKind.Array)
            {
                throw BadResponse(where, "tx body has no messages");
            }

            var index = 0;
            foreach (var message in messages.EnumerateArray())
            {
                if (ReadSend(message, where) is { } send)
                {
                    var transfer = new L1Transfer(hash, height, index, send.From, send.To, send.Utia, memo, code);
                    if (keep(transfer))
                    {
                        found.Add(transfer);
                    }
                }

                index++;
            }
        }

        return (count, total);
    }

    private static (string From, string To, ulong Utia)? ReadSend(JsonElement message, string where)
    {
        if (!message.TryGetProperty("@type", out var type) || type.GetString() != MsgSendType)
        {
            return null;
        }

        var from = message.TryGetProperty("from_address", out var f) ? f.GetString() : null;
        var to = message.TryGetProperty("to_address", out var t) ? t.GetString() : null;
        if (from is null || to is null || !message.TryGetProperty("amount", out var coins) || coins.ValueKind != JsonValueKind.Array)
        {
            throw BadResponse(where, "MsgSend lacks from_address, to_address or amount");
        }

        ulong utia = 0;
        foreach (var coin in coins.EnumerateArray())
        {
            if (coin.TryGetProperty("denom", out var d) && d.GetString() == "utia")
            {
                utia = coin.TryGetProperty("amount", out var a) && a.ValueKind == JsonValueKind.String
                    && ulong.TryParse(a.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var v)
                    ? checked(utia + v)
                    : throw BadResponse(where, "coin amount is not a decimal string");
            }
        }

        return utia == 0 ? null : (from, to, utia);
    }

    private async Task<JsonDocument> GetAsync(string path, CancellationToken cancellationToken)
    {
        var url = new Uri(new Uri(options.RestUrl.TrimEnd('/') + "/"), path);
        using var timeout = new CancellationTokenSource(options.RequestTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        HttpStatusCode status;
        byte[] body;
        try
        {
            using var response = await http.GetAsync(url, linked.Token);
            status = response.StatusCode;
            body = await response.Content.ReadAsByteArrayAsync(linked.Token);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new L1Exception(ErrorCodes.L1Unavailable, $"GET {url.AbsolutePath}: no answer within {options.RequestTimeout}", e);
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            throw new L1Exception(ErrorCodes.L1Unavailable, $"GET {url.AbsolutePath}: cannot reach {options.RestUrl}: {e.Message}", e);
        }

        JsonDocument? doc = null;
        try
        {
            doc = JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
        }

        if ((int)status is >= 200 and < 300 && doc is not null)
        {
            return doc;
        }

        // gRPC-gateway errors: {"code": <grpc code>, "message": "…", "details": []}.
        var message = doc is not null && doc.RootElement.ValueKind == JsonValueKind.Object
            && doc.RootElement.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() ?? "" : "";
        doc?.Dispose();
        var where = $"GET {url.AbsolutePath}";
        if (message.Contains("indexing is disabled", StringComparison.OrdinalIgnoreCase))
        {
            throw new L1Exception(ErrorCodes.L1IndexDisabled,
                $"{where}: the consensus node does not index transactions (set tx_index.indexer = \"kv\" in config.toml; docs/bridge.md)");
        }

        throw (int)status >= 500 || doc is null
            ? new L1Exception(ErrorCodes.L1Unavailable, $"{where}: HTTP {(int)status} {message}".TrimEnd())
            : new L1Exception(ErrorCodes.L1BadResponse, $"{where}: HTTP {(int)status} {message}".TrimEnd());
    }

    private static L1Exception BadResponse(string where, string reason) =>
        new(ErrorCodes.L1BadResponse, $"{where}: unexpected answer from the consensus node: {reason}");
}
