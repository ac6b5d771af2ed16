using System.Net;
using Fontana.AspNetCore.Tests.Support;
using Fontana.Core;
using Fontana.Sdk.Payments;
using Fontana.Sdk.Receipts;

namespace Fontana.AspNetCore.Tests.Payments;

/// <summary>The consumer SDK paying a provider co-hosted with a full node: PaymentHandler, demo fortune, composability.</summary>
public sealed class SdkEndToEndTests : IAsyncLifetime
{
    private FullNodeApp _node = null!;
    private FontanaPayer _consumer = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _node = await FullNodeApp.StartAsync();
        _consumer = _node.CreatePayer(_node.Consumer);
        _client = new HttpClient(new PaymentHandler(_consumer) { InnerHandler = new SocketsHttpHandler() }) { BaseAddress = _node.BaseAddress };
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        _consumer.Dispose();
        await _node.DisposeAsync();
    }

    [Fact]
    public async Task PaymentHandler_PaidEndpoint_Returns200WithVerifiedReceipt()
    {
        var before = await _node.Ledger.GetBalanceAsync(_node.PayTo);

        using var response = await _client.GetAsync("weather");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var receipt = response.GetFontanaReceipt();
        receipt.ShouldNotBeNull();
        (await _node.Ledger.GetBalanceAsync(_node.PayTo)).ShouldBe(before + Amount.FromUtia(1000));
    }

    [Fact]
    public async Task PaymentHandler_DemoFortune_CostsOneThousandUtia()
    {
        using var response = await _client.GetAsync("demo/fortune");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var body = await response.Content.ReadAsStringAsync();
        body.ShouldContain("fortune");
        body.ShouldContain(_consumer.Address.ToString());
        (await _node.Ledger.GetBalanceAsync(_node.PayTo)).ShouldBe(Amount.FromUtia(1000));
    }

    [Fact]
    public async Task Handler_PaysAnotherFontanaApiWithItsOwnWallet()
    {
        using var response = await _client.GetAsync("composite");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.WasPaid().ShouldBeTrue();
        var body = await response.Content.ReadAsStringAsync();
        body.ShouldContain("sunny");
        body.ShouldContain("\"upstreamPaid\":true");

        // 2000 from the consumer for /composite, 1000 from the provider's spending wallet for /weather.
        (await _node.Ledger.GetBalanceAsync(_node.PayTo)).ShouldBe(Amount.FromUtia(3000));
    }

    [Fact]
    public async Task PaymentHandler_ConcurrentCallsFromOneWallet_AllPaidOnce()
    {
        const int calls = 40;

        var responses = await Task.WhenAll(Enumerable.Range(0, calls).Select(_ => _client.GetAsync("weather")));

        responses.ShouldAllBe(r => r.StatusCode == HttpStatusCode.OK);
        (await _node.Ledger.GetBalanceAsync(_node.PayTo)).ShouldBe(Amount.FromUtia(1000 * calls));
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }
}
