using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using Fontana.Core;
using Fontana.Core.Api;
using Fontana.Core.Crypto;
using Fontana.Core.Encoding;
using Fontana.Core.Transactions;
using Fontana.Sdk.Transports;

namespace Fontana.Sdk.Tests.Monitor;

/// <summary>A node transport whose answers the test sets: transactions (applied, with or without a final receipt),
/// output statuses, and what a submission does. Unknown transactions and outputs get the node's 404 problem+json;
/// <see cref="Unreachable"/> makes every request fail as a real transport does.</summary>
internal sealed class ScriptedNode : INodeTransport
{
    public const string ChainId = "monitor-test";

    public PrivateKey Sequencer { get; } = PrivateKey.Generate();

    public Amount MinFee { get; } = Amount.FromUtia(100);

    public ConcurrentDictionary<Hash32, TransactionStatusDto> Transactions { get; } = new();

    public ConcurrentDictionary<OutPoint, UtxoStatusDto> Outputs { get; } = new();

    public ConcurrentQueue<Transaction> Submitted { get; } = new();

    public bool Unreachable { get; set; }

    /// <summary>Answer to a submission (default: applied, with a provisional receipt).</summary>
    public Func<Transaction, NodeApiResponse>? OnSubmit { get; set; }

    public int Lookups;

    public string Name => "scripted";

    public FontanaClient Client() => new(this);

    public void Applied(Hash32 txId, FinalReceiptDto? final = null) =>
        Transactions[txId] = new TransactionStatusDto(txId.ToString(), final is null ? "pending" : "sealed", string.Empty, Receipt(txId), final);

    public ReceiptDto Receipt(Hash32 txId)
    {
        var signed = Fontana.Core.Receipts.ProvisionalReceipt.Sign(ChainId, txId, 7, 1_700_000_000_000, Sequencer);
        return new ReceiptDto(txId.ToString(), 7, 1_700_000_000_000, Convert.ToHexStringLower(signed.SequencerSignature.Span));
    }

    public void Unspent(OutPoint outPoint, Address owner, Amount amount) =>
        Outputs[outPoint] = new UtxoStatusDto(outPoint.ToString(), "unspent", owner.ToString(), amount.Utia.ToString(CultureInfo.InvariantCulture), null);

    public void Spent(OutPoint outPoint, Hash32 by) => Outputs[outPoint] = new UtxoStatusDto(outPoint.ToString(), "spent", null, null, by.ToString());

    public Task ConnectAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

    public Task DisconnectAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

    public Task<NodeApiResponse> SendAsync(NodeRequest request, CancellationToken cancellationToken = default)
    {
        if (Unreachable)
        {
            throw new FontanaApiException(FontanaApiException.NodeUnreachableCode, 0, "node-unreachable: scripted outage");
        }

        return Task.FromResult(Answer(request));
    }

    public async IAsyncEnumerable<StreamEventDto> StreamAsync(StreamRequestDto subscription, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await Task.Delay(Timeout.Infinite, cancellationToken);
        yield break;
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private NodeApiResponse Answer(NodeRequest request)
    {
        var path = request.Path;
        if (path == "v1/info")
        {
            var fee = new Address(PrivateKey.Generate().PublicKey);
            var tip = new HeaderDto(0, new string('0', 64), new string('0', 64), 0, 0, new string('0', 64), new string('0', 64), string.Empty, string.Empty);
            return Json(
                new NodeInfo(ChainId, string.Empty, new string('0', 64), Sequencer.PublicKey.ToString(), fee.ToString(), MinFee.Utia.ToString(CultureInfo.InvariantCulture), 1000, tip),
                ApiJsonContext.Default.NodeInfo);
        }

        if (path.StartsWith("v1/transactions/", StringComparison.Ordinal) && request.IsRead)
        {
            Interlocked.Increment(ref Lookups);
            return Transactions.TryGetValue(Hash32.Parse(path["v1/transactions/".Length..]), out var status)
                ? Json(status, ApiJsonContext.Default.TransactionStatusDto)
                : NotFound();
        }

        if (path.StartsWith("v1/utxos/", StringComparison.Ordinal))
        {
            return Outputs.TryGetValue(OutPoint.Parse(path["v1/utxos/".Length..]), out var utxo)
                ? Json(utxo, ApiJsonContext.Default.UtxoStatusDto)
                : Json(new UtxoStatusDto(path["v1/utxos/".Length..], "unknown", null, null, null), ApiJsonContext.Default.UtxoStatusDto);
        }

        if (path == "v1/transactions" && !request.IsRead)
        {
            var body = JsonSerializer.Deserialize(request.Body.Span, ApiJsonContext.Default.SubmitTransactionRequest)!;
            var transaction = TransactionCodec.Decode(Convert.FromBase64String(body.Transaction));
            Submitted.Enqueue(transaction);
            if (OnSubmit is { } custom)
            {
                return custom(transaction);
            }

            Applied(transaction.TxId);
            return Json(Receipt(transaction.TxId), ApiJsonContext.Default.ReceiptDto);
        }

        return NotFound();
    }

    public static NodeApiResponse Problem(int status, string code) =>
        new(status, JsonSerializer.SerializeToUtf8Bytes(new { code, title = code }), "application/problem+json");

    private static NodeApiResponse NotFound() => Problem(404, "not-found");

    private static NodeApiResponse Json<T>(T value, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type) =>
        new(200, JsonSerializer.SerializeToUtf8Bytes(value, type), "application/json");
}
