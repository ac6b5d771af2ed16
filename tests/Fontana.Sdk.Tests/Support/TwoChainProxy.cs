using System.Net;
using Fontana.Core.X402;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Fontana.Sdk.Tests.Support;

/// <summary>
/// A provider that accepts payment on two chains (real Kestrel, 127.0.0.1): its <c>/paid</c> answers an unpaid call with
/// one 402 whose offers are those of both chains' providers (first chain first), and forwards a paid call to the provider
/// of the network the payment names, relaying its answer. Each chain's provider checks and settles its own payments.
/// </summary>
internal static class TwoChainProxy
{
    public static Task<KestrelHost> StartAsync(LiveChain first, LiveChain second)
    {
        var http = new HttpClient();
        return KestrelHost.StartAsync(new Dictionary<string, string?>(), _ => { }, app => app.MapGet("/paid", async (HttpContext context) =>
        {
            if (context.Request.Headers.TryGetValue(X402Headers.PaymentSignature, out var signature))
            {
                var payload = X402HeaderCodec.DecodePaymentSignature(signature);
                var target = payload.Accepted.Network == first.Network ? first : second;
                using var forwarded = new HttpRequestMessage(HttpMethod.Get, target.Url("paid"));
                forwarded.Headers.TryAddWithoutValidation(X402Headers.PaymentSignature, signature.ToString());
                using var answer = await http.SendAsync(forwarded);
                await RelayAsync(answer, context);
                return;
            }

            using var a = await http.GetAsync(first.Url("paid"));
            using var b = await http.GetAsync(second.Url("paid"));
            var offersA = X402HeaderCodec.DecodePaymentRequired(a.Headers.GetValues(X402Headers.PaymentRequired).First());
            var offersB = X402HeaderCodec.DecodePaymentRequired(b.Headers.GetValues(X402Headers.PaymentRequired).First());
            var merged = offersA with { Accepts = [.. offersA.Accepts, .. offersB.Accepts] };
            context.Response.StatusCode = (int)HttpStatusCode.PaymentRequired;
            context.Response.Headers[X402Headers.PaymentRequired] = X402HeaderCodec.EncodePaymentRequired(merged);
        }));
    }

    private static async Task RelayAsync(HttpResponseMessage answer, HttpContext context)
    {
        context.Response.StatusCode = (int)answer.StatusCode;
        foreach (var header in answer.Headers)
        {
            context.Response.Headers[header.Key] = header.Value.ToArray();
        }

        context.Response.ContentType = answer.Content.Headers.ContentType?.ToString();
        await context.Response.Body.WriteAsync(await answer.Content.ReadAsByteArrayAsync());
    }
}
