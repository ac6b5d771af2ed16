using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Fontana.Core.Bridge;
using Microsoft.AspNetCore.Http;

namespace Fontana.Bridge.Simulator;

/// <summary>
/// The simulator's celestia-node <c>state</c> JSON-RPC, as strict as the real one (go-jsonrpc <c>handler.go</c>,
/// celestia-node <c>nodebuilder/state/state.go</c>, <c>state/state.go</c>, <c>state/txclient/tx_config.go</c>):
/// a bad bearer token is a bare HTTP 401; params are positional; an address is a bech32 string; an amount is a
/// <c>math.Int</c> JSON <em>string</em> (a number fails to unmarshal: -32700, HTTP 500); the TxConfig is an object;
/// a method error is HTTP 200 with <c>{"error":{"code":1,"message":…}}</c>; TxResponse <c>height</c> is a number and
/// <c>code</c> is omitted when 0.
/// </summary>
internal sealed class StateRpcHandler(SimulatedChain chain, L1SimulatorOptions options)
{
    public async Task HandleAsync(HttpContext context)
    {
        if (options.AuthToken is { } token && context.Request.Headers.Authorization.ToString() != $"Bearer {token}")
        {
            context.Response.StatusCode = 401;
            return;
        }

        if (options.Down)
        {
            context.Response.StatusCode = 503;
            return;
        }

        JsonNode? request;
        try
        {
            request = await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
        }
        catch (JsonException e)
        {
            await WriteAsync(context, 500, null, error: (-32700, $"parse error: {e.Message}"));
            return;
        }

        var id = request?["id"]?.DeepClone();
        if (request?["jsonrpc"]?.GetValue<string>() != "2.0" || request["method"] is not JsonValue method || request["params"] is not JsonArray args)
        {
            await WriteAsync(context, 400, id, error: (-32600, "invalid request"));
            return;
        }

        var name = method.GetValue<string>();
        var (status, result, failure) = name switch
        {
            "state.AccountAddress" => Ok(JsonValue.Create(options.Vault.Text)),
            "state.Balance" => Ok(Coin(chain.BalanceForQuery(options.Vault.Text))),
            "state.BalanceForAddress" => BalanceFor(args),
            "state.Transfer" => Transfer(args),
            _ => (500, null, (-32601, $"method '{name}' not found")),
        };
        await WriteAsync(context, status, id, result, failure);
    }

    private static (int, JsonNode?, (int, string)?) Ok(JsonNode? result) => (200, result, null);

    private static (int, JsonNode?, (int, string)?) MethodError(string message) => (200, null, (1, message));

    private static (int, JsonNode?, (int, string)?) ParamError(string method, int index, string reason) =>
        (500, null, (-32700, $"unmarshaling params for '{method}' (param: {index}; ...): {reason}"));

    private (int, JsonNode?, (int, string)?) BalanceFor(JsonArray args)
    {
        if (args.Count != 1 || args[0] is not JsonValue v || v.GetValueKind() != JsonValueKind.String)
        {
            return ParamError("state.BalanceForAddress", 0, "expected one bech32 address string");
        }

        return CelestiaAddress.TryParse(v.GetValue<string>(), out var address, out var error)
            ? Ok(Coin(chain.BalanceForQuery(address.Text)))
            : ParamError("state.BalanceForAddress", 0, $"address must be a valid account or validator address: {error}");
    }

    private (int, JsonNode?, (int, string)?) Transfer(JsonArray args)
    {
        const string m = "state.Transfer";
        if (args.Count != 3)
        {
            return (500, null, (-32602, $"wrong param count (method '{m}'): {args.Count} != 3"));
        }

        if (args[0] is not JsonValue to || to.GetValueKind() != JsonValueKind.String
            || !CelestiaAddress.TryParse(to.GetValue<string>(), out var recipient, out var addressError))
        {
            return ParamError(m, 0, "decoding bech32 failed");
        }

        if (args[1] is not JsonValue amount || amount.GetValueKind() != JsonValueKind.String)
        {
            return ParamError(m, 1, "math/big: cannot unmarshal into a *big.Int: an Int is a JSON string");
        }

        if (!ulong.TryParse(amount.GetValue<string>(), NumberStyles.None, CultureInfo.InvariantCulture, out var utia))
        {
            return ParamError(m, 1, $"math/big: cannot unmarshal \"{amount.GetValue<string>()}\" into a *big.Int");
        }

        if (args[2] is not JsonObject config || config["max_gas_price"] is null)
        {
            return ParamError(m, 2, "TxConfig must be an object with max_gas_price");
        }

        if (utia == 0)
        {
            return MethodError("state: invalid amount"); // state/core_access.go ErrInvalidAmount
        }

        if (options.FailTransfers > 0)
        {
            options.FailTransfers--;
            return MethodError("broadcast tx: rpc error: code = Unavailable desc = connection refused");
        }

        var tx = chain.Transfer(options.Vault.Text, recipient.Text, utia, string.Empty, out var error);
        if (tx is null)
        {
            return MethodError($"tx failed with code 5 (insufficient funds): {error}");
        }

        options.OnTransfer?.Invoke(tx);
        return Ok(new JsonObject
        {
            ["height"] = tx.Height,
            ["txhash"] = tx.Hash,
            ["data"] = "12260A242F636F736D6F732E62616E6B2E763162657461312E4D736753656E64526573706F6E7365",
            ["raw_log"] = "",
            ["gas_wanted"] = 84354,
            ["gas_used"] = 70218,
        });
    }

    private static JsonObject Coin(ulong utia) => new() { ["denom"] = "utia", ["amount"] = utia.ToString(CultureInfo.InvariantCulture) };

    private static async Task WriteAsync(HttpContext context, int status, JsonNode? id, JsonNode? result = null, (int Code, string Message)? error = null)
    {
        var body = new JsonObject { ["jsonrpc"] = "2.0", ["id"] = id };
        if (error is { } e)
        {
            body["error"] = new JsonObject { ["code"] = e.Code, ["message"] = e.Message };
        }
        else
        {
            body["result"] = result;
        }

        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body.ToJsonString(), context.RequestAborted);
    }
}
