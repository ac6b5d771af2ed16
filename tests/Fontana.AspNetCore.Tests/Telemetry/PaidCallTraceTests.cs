using System.Diagnostics;
using System.Net;
using Fontana.AspNetCore.Tests.Support;
using Fontana.Core;
using Fontana.Core.Crypto;
using Fontana.Core.Errors;
using Fontana.Sdk.Payments;
using Fontana.Sdk.Receipts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Fontana.AspNetCore.Tests.Telemetry;

/// <summary>
/// One trace across client → provider → node: the SDK's paid call, the provider's request and settle spans, the node's
/// facilitator request and the ledger's apply, on three real Kestrel servers' worth of HTTP hops (client → provider →
/// node), joined only by the W3C <c>traceparent</c> header each hop sends.
/// </summary>
public sealed class PaidCallTraceTests : IAsyncLifetime
{
    private static readonly ActivitySource TestSource = new("Fontana.Tests.Trace");

    private readonly ActivityCollector _spans = new();
    private FullNodeApp _node = null!;
    private WebApplication _provider = null!;
    private Uri _providerUrl = null!;

    public async Task InitializeAsync()
    {
        _node = await FullNodeApp.StartAsync();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddFontanaPayments(o =>
        {
            o.PayTo = new Address(PrivateKey.Generate().PublicKey).ToString();
            o.ChainId = FullNodeApp.ChainId;
            o.Settlement = SettlementMode.Remote;
            o.NodeUrl = _node.BaseAddress.ToString();
        });
        _provider = builder.Build();
        _provider.MapGet("/remote-weather", () => Results.Ok(new { forecast = "sunny" })).RequirePayment("0.001 TIA");
        await _provider.StartAsync();
        _providerUrl = new Uri(_provider.Urls.First().TrimEnd('/') + "/");
    }

    public async Task DisposeAsync()
    {
        _spans.Dispose();
        await _provider.StopAsync();
        await _provider.DisposeAsync();
        await _node.DisposeAsync();
    }

    [Fact]
    public async Task PaidCall_RemoteSettlement_OneTraceFromClientThroughProviderToLedger()
    {
        using var payer = _node.CreatePayer(_node.Consumer);
        using var client = new HttpClient(new PaymentHandler(payer) { InnerHandler = new SocketsHttpHandler() }) { BaseAddress = _providerUrl };
        await payer.RefreshAsync();
        using var root = TestSource.StartActivity("test.paid_call")!;

        using var response = await client.GetAsync("remote-weather");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var txid = response.GetFontanaReceipt()!.TxId.ToString();
        var trace = await _spans.WaitForAsync(root.TraceId, t => t.Any(a => a.OperationName == "fontana.ledger.apply") && t.Count(IsServer) >= 3);
        var byId = trace.ToDictionary(a => a.SpanId);

        var paidCall = trace.Single(a => a.Source.Name == "Fontana.Sdk" && a.OperationName == "fontana.paid_call");
        paidCall.ParentSpanId.ShouldBe(root.SpanId);
        paidCall.GetTagItem("fontana.txid").ShouldBe(txid);

        var settle = trace.Single(a => a.Source.Name == "Fontana.AspNetCore" && a.OperationName == "fontana.payment.settle");
        settle.GetTagItem("fontana.outcome").ShouldBe("settled");
        var providerRequest = byId[settle.ParentSpanId];
        AssertRemoteChildOfClientSpan(providerRequest, paidCall, byId, "/remote-weather");

        var apply = trace.Single(a => a.Source.Name == "Fontana.Ledger" && a.OperationName == "fontana.ledger.apply");
        apply.GetTagItem("fontana.txid").ShouldBe(txid);
        apply.GetTagItem("fontana.outcome").ShouldBe("committed");
        var nodeRequest = byId[apply.ParentSpanId];
        AssertRemoteChildOfClientSpan(nodeRequest, settle, byId, "/v1/x402/settle");
    }

    [Fact]
    public async Task PaidCall_Refused_SettleSpanCarriesTheReason()
    {
        using var payer = _node.CreatePayer(_node.Consumer);
        using var client = new HttpClient(new PaymentHandler(payer) { InnerHandler = new SocketsHttpHandler() }) { BaseAddress = _providerUrl };
        await payer.RefreshAsync();
        await payer.InitializeAsync();
        using var root = TestSource.StartActivity("test.double_spend")!;

        // Behind the SDK's back, merge every coin of the wallet into one it has not seen: its first payment meets
        // input-spent at the ledger, then it refreshes and pays with the new coin.
        var coins = await _node.Ledger.GetUtxosAsync(payer.Address);
        var merge = new Core.Transactions.TransactionBuilder(FullNodeApp.ChainId);
        var total = Amount.Zero;
        foreach (var coin in coins)
        {
            merge.AddInput(coin.OutPoint);
            total += coin.Output.Amount;
        }

        (await _node.Ledger.ApplyAsync(merge.AddOutput(payer.Address, total - Amount.FromUtia(100)).WithFee(Amount.FromUtia(100))
            .WithExpiry((ulong)TimeProvider.System.GetUtcNow().AddMinutes(5).ToUnixTimeSeconds()).Sign(_node.Consumer))).IsAccepted.ShouldBeTrue();
        using var response = await client.GetAsync("remote-weather");

        var trace = await _spans.WaitForAsync(root.TraceId, t => t.Count(a => a.OperationName == "fontana.payment.settle") >= 2);
        var refused = trace.First(a => a.OperationName == "fontana.payment.settle" && a.Status == ActivityStatusCode.Error);
        refused.GetTagItem("fontana.outcome").ShouldBe("rejected");
        refused.GetTagItem("error.type").ShouldBe(ErrorCodes.InputSpent);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        trace.Count(a => a.OperationName == "fontana.payment.settle").ShouldBe(2);
    }

    private static bool IsServer(Activity activity) => activity.Kind == ActivityKind.Server;

    /// <summary>A server span whose parent is an HttpClient span (in another server's process, in principle) made
    /// under <paramref name="caller"/>: the link exists only through the propagated header.</summary>
    private static void AssertRemoteChildOfClientSpan(Activity server, Activity caller, IReadOnlyDictionary<ActivitySpanId, Activity> byId, string path)
    {
        server.Kind.ShouldBe(ActivityKind.Server);
        server.HasRemoteParent.ShouldBeTrue();
        var httpClient = byId[server.ParentSpanId];
        httpClient.Source.Name.ShouldBe("System.Net.Http");
        httpClient.Kind.ShouldBe(ActivityKind.Client);
        httpClient.ParentSpanId.ShouldBe(caller.SpanId);
        new Uri((string)httpClient.GetTagItem("url.full")!).AbsolutePath.ShouldBe(path);
    }
}
