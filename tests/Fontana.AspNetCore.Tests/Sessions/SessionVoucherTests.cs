using System.Net;
using Fontana.AspNetCore.Tests.Support;
using Fontana.Core;
using Fontana.Sdk;
using Fontana.Sdk.Sessions;

namespace Fontana.AspNetCore.Tests.Sessions;

/// <summary>Vouchers of a payment session at a provider on a real node: refusals leave the session as it was.</summary>
public sealed class SessionVoucherTests : IAsyncLifetime
{
    private FullNodeApp _node = null!;
    private FontanaClient _nodeClient = null!;

    public async Task InitializeAsync()
    {
        _node = await FullNodeApp.StartAsync(sessions: true);
        _nodeClient = new FontanaClient(_node.BaseAddress);
    }

    public async Task DisposeAsync()
    {
        _nodeClient.Dispose();
        await _node.DisposeAsync();
    }

    [Fact]
    public async Task InsufficientVoucher_IsRefused_AndItsCounterStaysUsable()
    {
        using var session = await new SessionOpener(_nodeClient, _node.Consumer).OpenAsync(_node.ProviderKey.PublicKey, Amount.FromTia(1), TimeSpan.FromHours(1));
        var saved = session.ToJson();

        // Voucher #1 authorizes 500 utia for a 1000-utia call.
        using (var shortClient = Client(PaymentSession.FromJson(saved), Amount.FromUtia(500)))
        using (var refused = await shortClient.GetAsync("weather"))
        {
            await refused.ShouldBeRefusedAsync("voucher-insufficient");
        }

        // Voucher #1 again, now for 1000 utia: accepted (the refusal did not use the counter up) and charged once.
        using var fullClient = Client(PaymentSession.FromJson(saved), Amount.FromUtia(1000));
        using var paid = await fullClient.GetAsync("weather");

        paid.StatusCode.ShouldBe(HttpStatusCode.OK);
        var stats = await _node.ReadDashboardAsync();
        stats.GetProperty("sessions").GetProperty("chargedUtia").GetString().ShouldBe("1000");
        stats.GetProperty("sessions").GetProperty("sessions")[0].GetProperty("reservedUtia").GetString().ShouldBe("0");
    }

    [Fact]
    public async Task ReplayedVoucher_IsRefused_AndNothingMoreIsCharged()
    {
        using var session = await new SessionOpener(_nodeClient, _node.Consumer).OpenAsync(_node.ProviderKey.PublicKey, Amount.FromTia(1), TimeSpan.FromHours(1));
        var saved = session.ToJson();
        using (var first = Client(PaymentSession.FromJson(saved), Amount.FromUtia(1000)))
        {
            (await first.GetAsync("weather")).StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        using var replay = Client(PaymentSession.FromJson(saved), Amount.FromUtia(1000));
        using var refused = await replay.GetAsync("weather");

        await refused.ShouldBeRefusedAsync("voucher-replayed");
        (await _node.ReadDashboardAsync()).GetProperty("sessions").GetProperty("chargedUtia").GetString().ShouldBe("1000");
    }

    [Fact]
    public async Task VoucherOfAnotherPayee_IsRefusedWrongPayee()
    {
        using var session = await new SessionOpener(_nodeClient, _node.Consumer).OpenAsync(
            Core.Crypto.PrivateKey.Generate().PublicKey, Amount.FromTia(1), TimeSpan.FromHours(1));
        using var client = Client(session, Amount.FromUtia(1000));

        using var refused = await client.GetAsync("weather");

        await refused.ShouldBeRefusedAsync("wrong-payee");
    }

    private HttpClient Client(PaymentSession session, Amount perCall) =>
        new(new SessionPaymentHandler(session, perCall) { InnerHandler = new SocketsHttpHandler() }) { BaseAddress = _node.BaseAddress };
}
