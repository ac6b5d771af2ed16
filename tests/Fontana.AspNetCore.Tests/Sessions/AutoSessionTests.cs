using System.Net;
using Fontana.AspNetCore.Sessions;
using Fontana.AspNetCore.Tests.Support;
using Fontana.Core;
using Fontana.Sdk;
using Fontana.Sdk.Payments;
using Fontana.Sdk.Permissions;
using Fontana.Sdk.Sessions;
using Microsoft.Extensions.DependencyInjection;

namespace Fontana.AspNetCore.Tests.Sessions;

/// <summary>
/// The SDK opening sessions by itself (<c>FontanaPayerOptions.Sessions.Enabled</c>) against a real node and provider:
/// one open per provider then vouchers, top-ups, resumption after a restart, fallback to exact when the provider does
/// not offer or refuses the session, and budgets applied to vouchers.
/// </summary>
public sealed class AutoSessionTests : IAsyncLifetime
{
    private readonly string _store = Directory.CreateTempSubdirectory("fontana-payer-sessions-").FullName;
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
        Directory.Delete(_store, recursive: true);
    }

    [Fact]
    public async Task TenCalls_OpenOneSession_AndPayEveryCallWithAVoucher()
    {
        using var payer = CreatePayer();

        await CallAsync(payer, "weather", times: 10);

        payer.PaymentCount.ShouldBe(0, "no exact payment");
        var session = payer.Sessions.ShouldHaveSingleItem();
        session.Counter.ShouldBe(10UL);
        session.Charged.ShouldBe(Amount.FromUtia(10_000));
        var onLedger = (await _nodeClient.GetSessionAsync(session.Id))!;
        onLedger.Deposit.ShouldBe("100000");
        onLedger.Status.ShouldBe("open");
        (await _node.ReadDashboardAsync()).GetProperty("sessions").GetProperty("chargedUtia").GetString().ShouldBe("10000");
        File.Exists(Path.Combine(_store, session.Id + ".json")).ShouldBeTrue();
    }

    [Fact]
    public async Task DepositRunningLow_IsToppedUp_AndEveryCallIsPaid()
    {
        using var payer = CreatePayer(o =>
        {
            o.Deposit = Amount.FromUtia(5_000);
            o.TopUpBelow = Amount.FromUtia(2_000);
        });

        await CallAsync(payer, "weather", times: 12);

        payer.PaymentCount.ShouldBe(0);
        var session = payer.Sessions.ShouldHaveSingleItem();
        Amount.ParseUtia((await _nodeClient.GetSessionAsync(session.Id))!.Deposit).ShouldBeGreaterThanOrEqualTo(Amount.FromUtia(12_000));
        session.Charged.ShouldBe(Amount.FromUtia(12_000));
    }

    [Fact]
    public async Task RestartedPayer_ResumesItsSessionFromTheStore_WithoutReusingACounter()
    {
        Hash32 id;
        using (var first = CreatePayer())
        {
            await CallAsync(first, "weather", times: 3);
            id = first.Sessions.ShouldHaveSingleItem().Id;
        }

        var stored = new SessionFileStore(_store).Load(id)!;
        stored.Charged.ShouldBe(Amount.FromUtia(3000), "written at dispose from the provider's receipts");
        stored.Counter.ShouldBeGreaterThan(3UL, "recorded ahead of the vouchers sent");

        using var second = CreatePayer();
        await CallAsync(second, "weather", times: 3);

        second.PaymentCount.ShouldBe(0);
        second.Sessions.ShouldHaveSingleItem().Id.ShouldBe(id, "the stored session was resumed, not a new one opened");
        (await _node.ReadDashboardAsync()).GetProperty("sessions").GetProperty("chargedUtia").GetString().ShouldBe("6000");
    }

    [Fact]
    public async Task SessionClosedUnderThePayer_CallIsPaidExact_ThenANewSessionIsOpened()
    {
        using var payer = CreatePayer();
        await CallAsync(payer, "weather", times: 3);
        var first = payer.Sessions.ShouldHaveSingleItem();
        // The session is closed on the ledger behind the payer's back (another program with the same store, say); the
        // provider learns it at its next claim.
        using (var copy = new SessionFileStore(_store).Load(first.Id)!)
        {
            await new SessionOpener(_nodeClient, _node.Consumer).CloseAsync(copy, copy.Charged, Amount.Zero);
        }

        await _node.App.Services.GetRequiredService<ISessionClaims>().ClaimDueAsync(all: true, CancellationToken.None);

        await CallAsync(payer, "weather", times: 1);
        payer.PaymentCount.ShouldBe(1, "the refused voucher's call was paid with exact");
        await CallAsync(payer, "weather", times: 2);

        payer.PaymentCount.ShouldBe(1);
        var second = payer.Sessions.ShouldHaveSingleItem();
        second.Id.ShouldNotBe(first.Id);
        second.Counter.ShouldBe(2UL);
    }

    [Fact]
    public async Task ProviderWithoutSessions_IsPaidExact()
    {
        await using var plain = await FullNodeApp.StartAsync(sessions: false);
        using var payer = new FontanaPayer(new FontanaPayerOptions
        {
            NodeUrl = plain.BaseAddress,
            SigningKey = plain.Consumer,
            UseStream = false,
            Sessions = new PaymentSessionOptions { Enabled = true, StoreDirectory = _store },
        });

        using var response = await payer.CallPaidApiAsync(new Uri(plain.BaseAddress, "weather"));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        payer.PaymentCount.ShouldBe(1);
        payer.Sessions.ShouldBeEmpty();
    }

    [Fact]
    public async Task Budget_AppliesToVouchers_AndRefusesTheCallOverIt()
    {
        using var payer = CreatePayer();
        payer.Permissions.Grant(PermissionScope.ForPayTo(_node.PayTo), new SpendingLimits { Total = Amount.FromUtia(2_500) });

        await CallAsync(payer, "weather", times: 2);
        await Should.ThrowAsync<BudgetExceededException>(() => payer.CallPaidApiAsync(new Uri(_node.BaseAddress, "weather")));

        payer.Sessions.ShouldHaveSingleItem().Counter.ShouldBe(2UL, "no voucher was signed for the refused call");
        (await _node.ReadDashboardAsync()).GetProperty("sessions").GetProperty("chargedUtia").GetString().ShouldBe("2000");
    }

    private FontanaPayer CreatePayer(Action<PaymentSessionOptions>? configure = null)
    {
        var sessions = new PaymentSessionOptions { Enabled = true, StoreDirectory = _store };
        configure?.Invoke(sessions);
        return new FontanaPayer(new FontanaPayerOptions
        {
            NodeUrl = _node.BaseAddress,
            SigningKey = _node.Consumer,
            UseStream = false,
            Sessions = sessions,
        });
    }

    private async Task CallAsync(FontanaPayer payer, string path, int times)
    {
        for (var i = 0; i < times; i++)
        {
            using var response = await payer.CallPaidApiAsync(new Uri(_node.BaseAddress, path));
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
        }
    }
}
