using System.Globalization;
using System.Text.Json;
using Fontana.Core.Bridge;
using Fontana.DataAvailability.Celestia;
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
    private readonly CelestiaNodeRpc _rpc = new(http, new Uri(options.RpcUrl), options.AuthToken, options.RequestTimeout, time, Failures.Instance);
    private readonly CelestiaTxConfig _txConfig = new() { GasPrice = options.GasPrice, MaxGasPrice = options.MaxGasPrice };

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
            _txConfig.WriteTo(w);
        }, cancellationToken);
        return ReadTxResponse(result, "state.Transfer");
    }

    private Task<JsonElement> CallAsync(string method, Action<Utf8JsonWriter> writeParams, CancellationToken cancellationToken) =>
        _rpc.CallAsync(method, writeParams, cancellationToken);

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

    /// <summary>The <c>l1-*</c> codes of a celestia-node call's failures.</summary>
    private sealed class Failures : ICelestiaRpcFailures
    {
        public static readonly Failures Instance = new();

        public Exception Unreachable(string message, Exception cause) => new L1Exception(ErrorCodes.L1Unavailable, message, cause);

        public Exception Refused(string message) => new L1Exception(ErrorCodes.L1Auth, message);

        public Exception HttpStatus(string method, int status) =>
            new L1Exception(ErrorCodes.L1Unavailable, $"{method}: HTTP {status} from the celestia-node");

        public Exception BadResponse(string method, string reason) => CelestiaStateClient.BadResponse(method, reason);

        public Exception RpcError(string method, long? code, string message) => new L1Exception(Classify(message), $"{method}: {message}");
    }
}
