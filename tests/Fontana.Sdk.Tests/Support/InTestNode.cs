using System.Collections.Concurrent;
using System.Globalization;
using System.Net.WebSockets;
using System.Text.Json;
using Fontana.Core;
using Fontana.Core.Api;
using Fontana.Core.Crypto;
using Fontana.Core.Encoding;
using Fontana.Core.Transactions;
using Fontana.Core.X402;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Fontana.Sdk.Tests.Support;

/// <summary>
/// A node API v1 for unit tests on real Kestrel (127.0.0.1, OS-assigned port), serving the Core.Api DTOs over
/// <see cref="InTestLedger"/>, with knobs to hold or drop submissions' answers (and a signal when a submission arrives), and a minimal <c>/v1/stream</c> that
/// publishes address activity.
/// </summary>
internal sealed class InTestNode : IAsyncDisposable
{
    private readonly ConcurrentDictionary<WebSocket, string> _subscribers = new();

    private InTestNode(KestrelHost host, InTestLedger ledger)
    {
        Host = host;
        Ledger = ledger;
    }

    public KestrelHost Host { get; }

    public InTestLedger Ledger { get; }

    public Uri BaseAddress => Host.BaseAddress;

    /// <summary>When set, applied submissions answer only once this task completes (or the client gives up).</summary>
    public Task? HoldAnswersUntil { get; set; }

    /// <summary>Completes with the txid of the first submission that arrives, once it is applied (or, with
    /// <see cref="SwallowSubmissions"/>, once it is being held): a test knows the node has it without waiting on a clock.</summary>
    public TaskCompletionSource<Hash32> Submitted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Submissions are neither applied nor answered (the request hangs until the client gives up).</summary>
    public bool SwallowSubmissions { get; set; }

    public int InfoRequests;

    public int UtxoListings;

    public static async Task<InTestNode> StartAsync(InTestLedger? ledger = null, Action<WebApplication>? extraEndpoints = null)
    {
        ledger ??= new InTestLedger();
        InTestNode? node = null;
        var host = await KestrelHost.StartAsync(
            new Dictionary<string, string?>(),
            _ => { },
            app =>
            {
                app.UseWebSockets();
                app.MapGet("/v1/info", () => node!.Info());
                app.MapGet("/v1/addresses/{address}/utxos", (string address) => node!.Utxos(address));
                app.MapGet("/v1/addresses/{address}/balance", (string address) => node!.Balance(address));
                app.MapPost("/v1/transactions", (Delegate)((HttpContext context) => node!.SubmitAsync(context)));
                app.MapGet("/v1/transactions/{txid}", (string txid) => node!.Transaction(txid));
                app.MapGet("/v1/utxos/{outpoint}", (string outpoint) => Results.Json(ledger.UtxoStatus(OutPoint.Parse(outpoint)), ApiJsonContext.Default.UtxoStatusDto));
                app.Map("/v1/stream", (HttpContext context) => node!.StreamAsync(context));
                extraEndpoints?.Invoke(app);
            });
        node = new InTestNode(host, ledger);
        return node;
    }

    public FontanaClient CreateClient() => new(BaseAddress);

    public ValueTask DisposeAsync() => Host.DisposeAsync();

    public static IResult Problem(int status, string code, string detail) =>
        Results.Problem(detail: detail, statusCode: status, title: code, extensions: new Dictionary<string, object?> { ["code"] = code });

    private IResult Info()
    {
        Interlocked.Increment(ref InfoRequests);
        var header = new HeaderDto(0, new string('0', 64), new string('0', 64), 0, 0, new string('0', 64), new string('0', 64), new string('0', 128), string.Empty);
        return Results.Json(
            new NodeInfo(
                InTestLedger.ChainId, FontanaExact.FormatNetwork(InTestLedger.ChainId), new string('0', 64), Ledger.Sequencer.PublicKey.ToString(),
                Ledger.FeeAddress.ToString(), Ledger.MinFee.Utia.ToString(CultureInfo.InvariantCulture), 1000, header),
            ApiJsonContext.Default.NodeInfo);
    }

    private IResult Utxos(string address)
    {
        Interlocked.Increment(ref UtxoListings);
        return Address.TryParse(address, out var parsed, out var error)
            ? Results.Json(new AddressUtxosDto(address, Ledger.UtxosOf(parsed)), ApiJsonContext.Default.AddressUtxosDto)
            : Problem(400, "bad-address", error);
    }

    private IResult Balance(string address)
    {
        var parsed = Address.Parse(address);
        return Results.Json(
            new BalanceDto(address, Ledger.BalanceOf(parsed).Utia.ToString(CultureInfo.InvariantCulture), Ledger.UtxosOf(parsed).Count),
            ApiJsonContext.Default.BalanceDto);
    }

    private IResult Transaction(string txid)
    {
        if (!Hash32.TryParse(txid, out var hash))
        {
            return Problem(400, "bad-txid", "not a txid");
        }

        return Ledger.TryGetApplied(hash, out var encoded, out var receipt)
            ? Results.Json(new TransactionStatusDto(txid, "pending", Convert.ToBase64String(encoded), receipt, null), ApiJsonContext.Default.TransactionStatusDto)
            : Problem(404, "not-found", $"transaction {txid} is unknown");
    }

    private async Task<IResult> SubmitAsync(HttpContext context)
    {
        var request = await JsonSerializer.DeserializeAsync(context.Request.Body, ApiJsonContext.Default.SubmitTransactionRequest);
        var transaction = TransactionCodec.Decode(Convert.FromBase64String(request!.Transaction));
        if (SwallowSubmissions)
        {
            Submitted.TrySetResult(transaction.TxId);
            await Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(static _ => { }, TaskScheduler.Default);
            return Results.Empty;
        }

        var (receipt, code, detail) = Ledger.Submit(transaction);
        if (receipt is null)
        {
            return Problem(code == "input-spent" ? 409 : 422, code!, detail!);
        }

        await PublishAsync(transaction);
        Submitted.TrySetResult(transaction.TxId);
        if (HoldAnswersUntil is { } hold)
        {
            await hold.WaitAsync(context.RequestAborted).ContinueWith(static _ => { }, TaskScheduler.Default);
        }

        return Results.Json(receipt, ApiJsonContext.Default.ReceiptDto);
    }

    /// <summary>Publishes an <c>address</c> event to subscribers of the outputs' addresses (and the signer's).</summary>
    public async Task PublishAsync(Transaction transaction)
    {
        foreach (var (socket, address) in _subscribers)
        {
            var touched = new Address(transaction.Signer).ToString() == address;
            foreach (var output in transaction.Outputs)
            {
                touched |= output.Address.ToString() == address;
            }

            if (touched && socket.State == WebSocketState.Open)
            {
                var json = JsonSerializer.SerializeToUtf8Bytes(new { type = "address", topic = "address", txId = transaction.TxId.ToString(), address, status = "pending" });
                await socket.SendAsync(json, WebSocketMessageType.Text, true, CancellationToken.None);
            }
        }
    }

    private async Task StreamAsync(HttpContext context)
    {
        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        var buffer = new byte[4096];
        try
        {
            while (socket.State == WebSocketState.Open)
            {
                var result = await socket.ReceiveAsync(buffer, context.RequestAborted);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }

                using var document = JsonDocument.Parse(buffer.AsMemory(0, result.Count));
                _subscribers[socket] = document.RootElement.GetProperty("address").GetString()!;
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException)
        {
            // Client went away.
        }
        finally
        {
            _subscribers.TryRemove(socket, out _);
        }
    }

    public int StreamSubscribers => _subscribers.Count;

    public static PrivateKey NewKey() => PrivateKey.Generate();
}
