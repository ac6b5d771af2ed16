using System.Globalization;
using Fontana.Core;
using Fontana.Core.Api;
using Fontana.Core.Crypto;
using Fontana.Core.Encoding;
using Fontana.Core.X402;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Fontana.Sdk.Tests.Support;

/// <summary>
/// A priced endpoint for the SDK's unit tests, written to the x402 v2 wire format with Core's types (the product's
/// provider is Fontana.AspNetCore; integration tests use that one). <c>/paid</c> costs <see cref="Price"/>; POST echoes
/// the body. <see cref="Mode"/> injects the failure paths the SDK must handle.
/// </summary>
internal sealed class InTestProvider(InTestLedger ledger)
{
    public enum Behaviour
    {
        Normal,
        RejectWithReason,
        SettleThenFailWithoutHeader,
    }

    public PrivateKey Key { get; } = PrivateKey.Generate();

    public Address PayTo => new(Key.PublicKey);

    public Amount Price { get; set; } = Amount.FromUtia(1_000);

    public Behaviour Mode { get; set; }

    public string RejectReason { get; set; } = X402ErrorReasons.PaymentExpired;

    public int UnpaidRequests;

    public int PaidRequests;

    public void Map(WebApplication app) => app.MapMethods("/paid", ["GET", "POST"], (Delegate)HandleAsync);

    private async Task<IResult> HandleAsync(HttpContext context)
    {
        var signature = context.Request.Headers[X402Headers.PaymentSignature].ToString();
        if (string.IsNullOrEmpty(signature))
        {
            Interlocked.Increment(ref UnpaidRequests);
            context.Response.Headers[X402Headers.PaymentRequired] = X402HeaderCodec.EncodePaymentRequired(Challenge(context));
            return Results.StatusCode(402);
        }

        Interlocked.Increment(ref PaidRequests);
        var payload = X402HeaderCodec.DecodePaymentSignature(signature);
        var fontana = FontanaExactPayload.FromPayload(payload.Payload);
        var transaction = TransactionCodec.Decode(fontana.Transaction);
        var challenge = fontana.ChallengeIn(payload.Accepted);
        if (!challenge.Verify() || challenge.ProviderKey != Key.PublicKey
            || !transaction.Memo.Span.SequenceEqual(challenge.ComputeChallengeHash().ToArray())
            || transaction.Outputs[0].Address != PayTo || transaction.Outputs[0].Amount != Price)
        {
            return Refuse(context, X402ErrorReasons.ChallengeInvalid);
        }

        if (Mode == Behaviour.RejectWithReason)
        {
            return Refuse(context, RejectReason);
        }

        var (receipt, code, _) = ledger.Submit(transaction);
        if (receipt is null)
        {
            return Refuse(context, code!);
        }

        if (Mode == Behaviour.SettleThenFailWithoutHeader)
        {
            return Results.StatusCode(500);
        }

        var receiptJson = System.Text.Json.JsonSerializer.SerializeToElement(receipt, ApiJsonContext.Default.ReceiptDto);
        var extensions = System.Text.Json.JsonSerializer.SerializeToElement(new Dictionary<string, object> { ["fontana"] = new Dictionary<string, object> { ["receipt"] = receiptJson } });
        context.Response.Headers[X402Headers.PaymentResponse] = X402HeaderCodec.EncodePaymentResponse(new SettlementResponse
        {
            Success = true,
            Transaction = transaction.TxId.ToString(),
            Network = Network,
            Payer = new Address(transaction.Signer).ToString(),
            Extensions = extensions,
        });
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync();
        return Results.Text("paid:" + body);
    }

    private static string Network => FontanaExact.FormatNetwork(InTestLedger.ChainId);

    private IResult Refuse(HttpContext context, string reason)
    {
        context.Response.Headers[X402Headers.PaymentResponse] = X402HeaderCodec.EncodePaymentResponse(
            new SettlementResponse { Success = false, ErrorReason = reason, Transaction = string.Empty, Network = Network });
        context.Response.Headers[X402Headers.PaymentRequired] = X402HeaderCodec.EncodePaymentRequired(Challenge(context));
        return Results.StatusCode(402);
    }

    private PaymentRequired Challenge(HttpContext context)
    {
        var url = $"{context.Request.Scheme}://{context.Request.Host}{context.Request.Path}";
        var challenge = new FontanaChallenge
        {
            Id = FontanaChallenge.NewId(),
            Resource = url,
            Method = context.Request.Method,
            Amount = Price,
            PayTo = PayTo,
            Network = Network,
            ExpiresAt = TimeProvider.System.GetUtcNow().ToUnixTimeSeconds() + 60,
            LedgerUrl = $"{context.Request.Scheme}://{context.Request.Host}/",
            ProviderKey = Key.PublicKey,
        }.Sign(Key);
        return new PaymentRequired
        {
            Resource = new ResourceInfo { Url = url },
            Accepts =
            [
                new PaymentRequirements
                {
                    Scheme = FontanaExact.Scheme,
                    Network = Network,
                    Amount = Price.Utia.ToString(CultureInfo.InvariantCulture),
                    Asset = FontanaExact.Asset,
                    PayTo = PayTo.ToString(),
                    MaxTimeoutSeconds = 60,
                    Extra = challenge.ToExtra(),
                },
            ],
        };
    }
}
