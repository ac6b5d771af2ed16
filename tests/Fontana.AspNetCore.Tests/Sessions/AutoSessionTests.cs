using System.Net;
using Fontana.AspNetCore.Sessions;
using Fontana.AspNetCore.Tests.Support;
using Fontana.Core;
using Fontana.Core.Crypto;
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

    [Fact]
    public async Task PayerWithoutStore_DisposeAsync_ClosesItsSession_ProviderPaidRestBack()
    {
        var before = await BalanceAsync();
        Hash32 id;
        await using (var payer = CreatePayer(o => o.StoreDirectory = null))
        {
            await CallAsync(payer, "weather", times: 3);
            id = payer.Sessions.ShouldHaveSingleItem().Id;
        }

        var closed = (await _nodeClient.GetSessionAsync(id))!;
        closed.Status.ShouldBe("closed", "a session kept only in memory is closed when the payer is disposed");
        closed.Claimed.ShouldBe("3000", "the provider got what it charged");
        closed.Locked.ShouldBe("0");
        var fee = Amount.ParseUtia((await _nodeClient.GetInfoAsync()).MinFee);
        (await BalanceAsync()).ShouldBe(before - Amount.FromUtia(3000) - fee, "the open's fee and the 3 calls; the rest came back");
    }

    [Fact]
    public async Task PayerWithStore_DisposeAsync_KeepsItsSessionOpenForTheNextRun()
    {
        Hash32 id;
        await using (var payer = CreatePayer())
        {
            await CallAsync(payer, "weather", times: 1);
            id = payer.Sessions.ShouldHaveSingleItem().Id;
        }

        (await _nodeClient.GetSessionAsync(id))!.Status.ShouldBe("open");
    }

    [Fact]
    public async Task CloseSessionsAsync_ClosesNow_AndTheNextCallOpensANewSession()
    {
        using var payer = CreatePayer();
        await CallAsync(payer, "weather", times: 2);
        var first = payer.Sessions.ShouldHaveSingleItem().Id;

        (await payer.CloseSessionsAsync()).ShouldBe(1);

        (await _nodeClient.GetSessionAsync(first))!.Status.ShouldBe("closed");
        new SessionFileStore(_store).Load(first)!.IsClosed.ShouldBeTrue("recorded closed");
        await CallAsync(payer, "weather", times: 1);
        payer.Sessions.ShouldHaveSingleItem().Id.ShouldNotBe(first);
    }

    [Fact]
    public async Task ExpiredSessionOnRecord_IsReclaimedWhenThePayerStarts()
    {
        var opener = new SessionOpener(_nodeClient, _node.Consumer);
        using var provider = PrivateKey.Generate();
        var session = await opener.OpenAsync(provider.PublicKey, Amount.FromUtia(40_000), TimeSpan.FromSeconds(5));
        new SessionFileStore(_store).Save(session);
        await WaitForStatusAsync(session.Id, "expired");
        var before = await BalanceAsync();

        using var payer = CreatePayer();
        await payer.InitializeAsync();

        var reclaimed = (await _nodeClient.GetSessionAsync(session.Id))!;
        reclaimed.Status.ShouldBe("closed");
        reclaimed.Claimed.ShouldBe("0");
        (await BalanceAsync()).ShouldBe(before + Amount.FromUtia(40_000), "the whole deposit came back (a reclaim pays no fee)");
        new SessionFileStore(_store).Load(session.Id)!.IsClosed.ShouldBeTrue();
        (await payer.ReclaimExpiredSessionsAsync()).ShouldBe(Amount.Zero, "nothing left to reclaim");
    }

    [Fact]
    public async Task Reclaim_BeforeExpiryOrTwice_RefusedWithACode_NothingMoves()
    {
        var opener = new SessionOpener(_nodeClient, _node.Consumer);
        using var provider = PrivateKey.Generate();
        var open = await opener.OpenAsync(provider.PublicKey, Amount.FromUtia(10_000), TimeSpan.FromHours(1));
        var early = await Should.ThrowAsync<FontanaPaymentException>(() => opener.ReclaimAsync(open.Id));
        early.Code.ShouldBe("session-not-expired");
        (await _nodeClient.GetSessionAsync(open.Id))!.Locked.ShouldBe("10000");

        var brief = await opener.OpenAsync(provider.PublicKey, Amount.FromUtia(10_000), TimeSpan.FromSeconds(5));
        await WaitForStatusAsync(brief.Id, "expired");
        (await opener.ReclaimAsync(brief.Id)).ShouldBe(Amount.FromUtia(10_000));
        var twice = await Should.ThrowAsync<FontanaPaymentException>(() => opener.ReclaimAsync(brief.Id));
        twice.Code.ShouldBe("session-closed");
        var unknown = await Should.ThrowAsync<FontanaPaymentException>(() => opener.ReclaimAsync(Hash32.Zero));
        unknown.Code.ShouldBe("session-not-found");
    }

    private async Task<Amount> BalanceAsync() =>
        Amount.ParseUtia((await _nodeClient.GetBalanceAsync(new Address(_node.Consumer.PublicKey))).Balance);

    /// <summary>Waits (up to 60 s of real time: the ledger's clock decides expiry) for the session's status.</summary>
    private async Task WaitForStatusAsync(Hash32 id, string status)
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while ((await _nodeClient.GetSessionAsync(id, limit.Token))!.Status != status)
        {
            await Task.Delay(200, limit.Token);
        }
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
