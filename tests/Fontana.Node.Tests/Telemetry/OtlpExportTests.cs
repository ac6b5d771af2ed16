using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Fontana.Node.Tests.Support;
using Fontana.Sdk.Payments;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Fontana.Node.Tests.Telemetry;

/// <summary>
/// A real <c>fontana devnet</c> process with <c>Fontana:Telemetry:OtlpEndpoint</c> set exports its spans over OTLP/HTTP
/// to a collector on 127.0.0.1, and a paid call made by the SDK in this process continues in them: the devnet's request,
/// settle and ledger spans carry this process's trace id, with the SDK's HTTP span as the request's parent.
/// </summary>
public sealed class OtlpExportTests
{
    private static readonly ActivitySource TestSource = new("Fontana.Tests.Otlp");

    [Fact]
    public async Task Devnet_WithOtlpEndpoint_ExportsThePaidCallsSpansUnderTheClientsTrace()
    {
        var received = new ConcurrentQueue<OtlpSpan>();
        await using var collector = await KestrelHost.StartAsync(new Dictionary<string, string?>(), _ => { }, app =>
            app.MapPost("/v1/traces", async (HttpContext context) =>
            {
                using var body = new MemoryStream();
                await context.Request.Body.CopyToAsync(body);
                foreach (var span in OtlpTraceReader.ReadSpans(body.ToArray()))
                {
                    received.Enqueue(span);
                }

                context.Response.ContentType = "application/x-protobuf";
            }));
        using var home = new TempDir();
        var wallet = home.Combine("wallet.key");
        await using var devnet = await DevnetProcess.StartAsync(home.Path, home.Combine("devnet"), wallet, FontanaProcess.FreePort(), environment: new Dictionary<string, string>
        {
            ["Fontana__Telemetry__OtlpEndpoint"] = collector.BaseAddress.ToString(),
            ["Fontana__Telemetry__OtlpProtocol"] = "http/protobuf",
            ["OTEL_BSP_SCHEDULE_DELAY"] = "100",
        });
        var httpSpans = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is "Fontana.Tests.Otlp" or "Fontana.Sdk" or "System.Net.Http",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = httpSpans.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        using var payer = new FontanaPayer(new FontanaPayerOptions { NodeUrl = new Uri(devnet.Url), WalletPath = wallet, UseStream = false });
        await payer.InitializeAsync();

        ActivityTraceId traceId;
        using (var root = TestSource.StartActivity("test.paid_call")!)
        {
            traceId = root.TraceId;
            using var response = await payer.CallPaidApiAsync(new HttpRequestMessage(HttpMethod.Get, new Uri(new Uri(devnet.Url), "/demo/fortune")));
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        var trace = traceId.ToHexString();
        List<OtlpSpan> Exported() => [.. received.Where(s => Convert.ToHexStringLower(s.TraceId) == trace)];
        await Wait.UntilAsync(
            () => Exported() is var spans && spans.Any(s => s.Name == "fontana.ledger.apply")
                && spans.FirstOrDefault(s => s.Name == "fontana.payment.settle") is { } settled && spans.Any(s => s.SpanId.SequenceEqual(settled.ParentSpanId)),
            TimeSpan.FromSeconds(60), "the devnet's request, settle and ledger spans at the collector");
        var exported = Exported();
        var settle = exported.Single(s => s.Name == "fontana.payment.settle");
        settle.Scope.ShouldBe("Fontana.AspNetCore");
        var request = exported.Single(s => s.SpanId.SequenceEqual(settle.ParentSpanId));
        request.Kind.ShouldBe(2, "the settle span's parent is the devnet's server span for the paid request");
        var paidRetry = httpSpans.Single(a => a.Source.Name == "System.Net.Http" && a.SpanId.ToHexString() == Convert.ToHexStringLower(request.ParentSpanId));
        paidRetry.Parent!.OperationName.ShouldBe("fontana.paid_call");
        var apply = exported.Single(s => s.Name == "fontana.ledger.apply");
        apply.Scope.ShouldBe("Fontana.Ledger");
        apply.ParentSpanId.ShouldBe(settle.SpanId, "in-process settlement: the ledger's span is the settle span's child");
    }
}
