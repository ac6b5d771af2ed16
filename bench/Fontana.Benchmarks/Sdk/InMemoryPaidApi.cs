using System.Globalization;
using System.Net;
using System.Text.Json;
using Fontana.Core;
using Fontana.Core.Api;
using Fontana.Core.Crypto;
using Fontana.Core.X402;

namespace Fontana.Benchmarks.Sdk;

/// <summary>
/// A node and a priced API answered in memory (no sockets), so a benchmark of a paid call measures the SDK's own
/// work: <c>/v1/info</c> and the wallet's outputs for the node; for <c>/paid</c> a 402 with one signed challenge, then,
/// for a request carrying <c>PAYMENT-SIGNATURE</c>, a 200 with a successful <c>PAYMENT-RESPONSE</c> naming the txid.
/// The provider decodes the payment (to name its txid) but checks nothing else: that cost is the same before and after.
/// </summary>
internal sealed class InMemoryPaidApi : HttpMessageHandler
{
    public const string ChainId = "bench-sdk";
    private static readonly string Network = FontanaExact.FormatNetwork(ChainId);
    private readonly byte[] _info;
    private readonly byte[] _utxos;
    private readonly string _paymentRequired;

    public InMemoryPaidApi(Address wallet, int outputs, Amount outputAmount, Amount price)
    {
        using var sequencer = PrivateKey.Generate();
        using var providerKey = PrivateKey.Generate();
        var payTo = new Address(providerKey.PublicKey);
        var tip = new HeaderDto(0, new string('0', 64), new string('0', 64), 0, 0, new string('0', 64), new string('0', 64), new string('0', 128), string.Empty);
        _info = JsonSerializer.SerializeToUtf8Bytes(
            new NodeInfo(ChainId, Network, new string('0', 64), sequencer.PublicKey.ToString(), new Address(sequencer.PublicKey).ToString(), "100", 6000, tip),
            ApiJsonContext.Default.NodeInfo);
        var list = new List<UtxoDto>(outputs);
        for (var i = 0; i < outputs; i++)
        {
            var txId = Hash32.Compute(BitConverter.GetBytes(i));
            list.Add(new UtxoDto(new OutPoint(txId, 0).ToString(), wallet.ToString(), outputAmount.Utia.ToString(CultureInfo.InvariantCulture)));
        }

        _utxos = JsonSerializer.SerializeToUtf8Bytes(new AddressUtxosDto(wallet.ToString(), list), ApiJsonContext.Default.AddressUtxosDto);
        var url = "http://bench.invalid/paid";
        var challenge = new FontanaChallenge
        {
            Id = FontanaChallenge.NewId(),
            Resource = url,
            Method = "GET",
            Amount = price,
            PayTo = payTo,
            Network = Network,
            ExpiresAt = DateTimeOffset.MaxValue.ToUnixTimeSeconds() / 2,
            LedgerUrl = "http://bench.invalid/",
            ProviderKey = providerKey.PublicKey,
        }.Sign(providerKey);
        _paymentRequired = X402HeaderCodec.EncodePaymentRequired(new PaymentRequired
        {
            Resource = new ResourceInfo { Url = url },
            Accepts =
            [
                new PaymentRequirements
                {
                    Scheme = FontanaExact.Scheme,
                    Network = Network,
                    Amount = price.Utia.ToString(CultureInfo.InvariantCulture),
                    Asset = FontanaExact.Asset,
                    PayTo = payTo.ToString(),
                    MaxTimeoutSeconds = 60,
                    Extra = challenge.ToExtra(),
                },
            ],
        });
    }

    public static Uri NodeUrl { get; } = new("http://node.invalid/");

    public static Uri PaidUrl { get; } = new("http://bench.invalid/paid");

    public static Uri FreeUrl { get; } = new("http://bench.invalid/free");

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var path = request.RequestUri!.AbsolutePath;
        if (path == "/v1/info")
        {
            return Task.FromResult(Json(_info));
        }

        if (path.StartsWith("/v1/addresses/", StringComparison.Ordinal))
        {
            return Task.FromResult(Json(_utxos));
        }

        if (path == "/free")
        {
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { RequestMessage = request });
        }

        if (!request.Headers.TryGetValues(X402Headers.PaymentSignature, out var values))
        {
            var required = new HttpResponseMessage(HttpStatusCode.PaymentRequired) { RequestMessage = request };
            required.Headers.TryAddWithoutValidation(X402Headers.PaymentRequired, _paymentRequired);
            return Task.FromResult(required);
        }

        var payload = X402HeaderCodec.DecodePaymentSignature(values.First());
        var transaction = Fontana.Core.Encoding.TransactionCodec.Decode(FontanaExactPayload.FromPayload(payload.Payload).Transaction);
        var response = new HttpResponseMessage(HttpStatusCode.OK) { RequestMessage = request };
        response.Headers.TryAddWithoutValidation(X402Headers.PaymentResponse, X402HeaderCodec.EncodePaymentResponse(new SettlementResponse
        {
            Success = true,
            Transaction = transaction.TxId.ToString(),
            Network = Network,
            Payer = new Address(transaction.Signer).ToString(),
        }));
        return Task.FromResult(response);
    }

    private static HttpResponseMessage Json(byte[] body) => new(HttpStatusCode.OK)
    {
        Content = new ByteArrayContent(body) { Headers = { ContentType = new("application/json") } },
    };
}
