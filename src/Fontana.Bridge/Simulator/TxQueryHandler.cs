using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;

namespace Fontana.Bridge.Simulator;

/// <summary>
/// The simulator's Cosmos SDK v0.50 REST (gRPC-gateway) answers, strict like the real ones: <c>query=</c> only
/// (<c>events=</c> → HTTP 500), CometBFT query terms joined by <c>AND</c>, <c>page</c> ≥ 1 and <c>limit</c> ≤ 100,
/// int64/uint64 as decimal strings, <c>total</c> a string and <c>pagination</c> null, errors as
/// <c>{"code":…,"message":…,"details":[]}</c>; with indexing off every search fails with
/// <c>transaction indexing is disabled</c> (cometbft <c>rpc/core/tx.go</c>).
/// </summary>
internal sealed partial class TxQueryHandler(SimulatedChain chain, L1SimulatorOptions options)
{
    public async Task SearchAsync(HttpContext context)
    {
        if (options.Down)
        {
            context.Response.StatusCode = 503;
            return;
        }

        var q = context.Request.Query;
        if (q.ContainsKey("events"))
        {
            await ErrorAsync(context, 500, 2, "query cannot be empty"); // v0.50 reads only `query`
            return;
        }

        if (options.IndexingDisabled)
        {
            await ErrorAsync(context, 500, 2, "transaction indexing is disabled");
            return;
        }

        var page = ReadInt(q["page"], 1);
        var limit = ReadInt(q["limit"], 100);
        var filter = Parse(q["query"].ToString());
        if (filter is null || page < 1 || limit is < 1 or > 100)
        {
            await ErrorAsync(context, 400, 3, "invalid query, page or limit");
            return;
        }

        var descending = q["order_by"].ToString() == "ORDER_BY_DESC";
        var matching = chain.Transactions.Where(filter).ToList();
        if (descending)
        {
            matching.Reverse();
        }

        var slice = matching.Skip((page - 1) * limit).Take(limit).ToList();
        var body = new JsonObject
        {
            ["txs"] = new JsonArray([.. slice.Select(Tx)]),
            ["tx_responses"] = new JsonArray([.. slice.Select(Response)]),
            ["pagination"] = null,
            ["total"] = matching.Count.ToString(CultureInfo.InvariantCulture),
        };
        await WriteAsync(context, 200, body);
    }

    public async Task LatestBlockAsync(HttpContext context)
    {
        if (options.Down)
        {
            context.Response.StatusCode = 503;
            return;
        }

        var header = new JsonObject { ["chain_id"] = "fontana-l1-sim", ["height"] = chain.Height.ToString(CultureInfo.InvariantCulture) };
        await WriteAsync(context, 200, new JsonObject { ["block_id"] = new JsonObject(), ["block"] = new JsonObject { ["header"] = header } });
    }

    /// <summary>Terms: <c>transfer.recipient='a'</c>, <c>transfer.sender='a'</c>, <c>tx.height&gt;=n</c>, <c>tx.height&gt;n</c>,
    /// <c>tx.height=n</c>, <c>tx.hash='H'</c>; anything else is refused (400), never silently ignored.</summary>
    private static Func<SimulatedTx, bool>? Parse(string query)
    {
        if (string.IsNullOrWhiteSpace(query))
        {
            return null;
        }

        var predicates = new List<Func<SimulatedTx, bool>>();
        foreach (var term in query.Split(" AND ", StringSplitOptions.TrimEntries))
        {
            var match = Term().Match(term);
            if (!match.Success)
            {
                return null;
            }

            var (key, op, value) = (match.Groups[1].Value, match.Groups[2].Value, match.Groups[3].Value);
            var text = value.Trim('\'');
            long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n);
            Func<SimulatedTx, bool>? p = (key, op) switch
            {
                ("transfer.recipient", "=") => t => t.To == text,
                ("transfer.sender", "=") => t => t.From == text,
                ("tx.hash", "=") => t => t.Hash == text,
                ("tx.height", ">=") => t => t.Height >= n,
                ("tx.height", ">") => t => t.Height > n,
                ("tx.height", "=") => t => t.Height == n,
                _ => null,
            };
            if (p is null)
            {
                return null;
            }

            predicates.Add(p);
        }

        return t => predicates.All(p => p(t));
    }

    private static JsonObject Tx(SimulatedTx t) => new()
    {
        ["body"] = new JsonObject
        {
            ["messages"] = new JsonArray(new JsonObject
            {
                ["@type"] = "/cosmos.bank.v1beta1.MsgSend",
                ["from_address"] = t.From,
                ["to_address"] = t.To,
                ["amount"] = new JsonArray(new JsonObject { ["denom"] = "utia", ["amount"] = t.Utia.ToString(CultureInfo.InvariantCulture) }),
            }),
            ["memo"] = t.Memo,
            ["timeout_height"] = "0",
            ["extension_options"] = new JsonArray(),
            ["non_critical_extension_options"] = new JsonArray(),
        },
        ["auth_info"] = new JsonObject { ["signer_infos"] = new JsonArray(), ["fee"] = new JsonObject { ["amount"] = new JsonArray(), ["gas_limit"] = "84354" } },
        ["signatures"] = new JsonArray(),
    };

    private static JsonObject Response(SimulatedTx t) => new()
    {
        ["height"] = t.Height.ToString(CultureInfo.InvariantCulture),
        ["txhash"] = t.Hash,
        ["codespace"] = "",
        ["code"] = 0,
        ["data"] = "",
        ["raw_log"] = "",
        ["logs"] = new JsonArray(),
        ["info"] = "",
        ["gas_wanted"] = "84354",
        ["gas_used"] = "70218",
        ["tx"] = null,
        ["timestamp"] = "",
        ["events"] = new JsonArray(),
    };

    private static int ReadInt(Microsoft.Extensions.Primitives.StringValues value, int fallback) =>
        value.Count == 0 ? fallback : int.TryParse(value.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : -1;

    private static Task ErrorAsync(HttpContext context, int status, int code, string message) =>
        WriteAsync(context, status, new JsonObject { ["code"] = code, ["message"] = message, ["details"] = new JsonArray() });

    private static async Task WriteAsync(HttpContext context, int status, JsonObject body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body.ToJsonString(), context.RequestAborted);
    }

    [GeneratedRegex(@"^([a-z_.]+)\s*(>=|<=|=|>|<)\s*('[^']*'|\d+)$")]
    private static partial Regex Term();
}
