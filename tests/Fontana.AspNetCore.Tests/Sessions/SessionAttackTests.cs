using System.Net;
using System.Text.Json.Nodes;
using Fontana.AspNetCore.Sessions;
using Fontana.AspNetCore.Tests.Support;
using Fontana.Core;
using Fontana.Core.Sessions;
using Fontana.Core.X402;
using Fontana.Sdk;
using Fontana.Sdk.Sessions;
using Microsoft.Extensions.DependencyInjection;

namespace Fontana.AspNetCore.Tests.Sessions;

/// <summary>
/// Attacks on a provider's session scheme (issue #15): each bad voucher is refused with its stable code, the handler
/// does not run, nothing is charged; usage prices and failed calls charge what they should; value is conserved.
/// </summary>
public sealed class SessionAttackTests : IAsyncLifetime
{
    private static readonly Amount PerCall = Amount.FromUtia(1000);
    private FullNodeApp _node = null!;
    private FontanaClient _nodeClient = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _node = await FullNodeApp.StartAsync(sessions: true);
        _nodeClient = new FontanaClient(_node.BaseAddress);
        _http = new HttpClient { BaseAddress = _node.BaseAddress };
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        _nodeClient.Dispose();
        await _node.DisposeAsync();
    }

    [Fact]
    public async Task VoucherSignedWithAnotherSessionsKey_IsRefusedBadVoucherSignature()
    {
        using var mine = await OpenAsync();
        using var other = await OpenAsync();
        using var forged = Rewrite(mine, id: other.Id);

        using var refused = await SendAsync(forged.NextVoucher(PerCall)!);

        await refused.ShouldBeRefusedAsync("bad-voucher-signature");
        await ChargedShouldBeAsync(0);
    }

    [Fact]
    public async Task ForgedSignature_IsRefusedBadVoucherSignature()
    {
        using var session = await OpenAsync();
        var voucher = session.NextVoucher(PerCall)!;
        var signature = voucher.Signature.ToArray();
        signature[7] ^= 0x40;

        using var refused = await SendAsync(new SignedVoucher(voucher.Voucher, signature));

        await refused.ShouldBeRefusedAsync("bad-voucher-signature");
    }

    [Fact]
    public async Task UnknownSession_IsRefusedSessionNotFound()
    {
        using var session = await OpenAsync();
        using var ghost = Rewrite(session, id: Hash32.Compute("no such session"u8));

        using var refused = await SendAsync(ghost.NextVoucher(PerCall)!);

        await refused.ShouldBeRefusedAsync("session-not-found");
    }

    [Fact]
    public async Task LowerCumulativeUnderAHigherCounter_IsRefusedVoucherInconsistent()
    {
        using var session = await OpenAsync();
        using (var first = await SendAsync(Rewrite(session, cumulative: 3000, counter: 4).NextVoucher(Amount.Zero)!))
        {
            first.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        using var refused = await SendAsync(Rewrite(session, cumulative: 2000, counter: 5).NextVoucher(Amount.Zero)!);

        await refused.ShouldBeRefusedAsync("voucher-inconsistent");
        await ChargedShouldBeAsync(1000);
    }

    [Fact]
    public async Task VoucherOvertakenByAClaimedOne_IsStillTakenOnce()
    {
        using var session = await OpenAsync();
        foreach (var (cumulative, counter) in new[] { (5000UL, 5UL), (4000UL, 4UL) })
        {
            using var paid = await SendAsync(Rewrite(session, cumulative: cumulative, counter: counter).NextVoucher(Amount.Zero)!);
            paid.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        (await Claims.ClaimDueAsync(all: true, CancellationToken.None)).ShouldBe(1);
        (await _nodeClient.GetSessionAsync(session.Id))!.Counter.ShouldBe(5UL);

        // Voucher #3 was in flight behind #5: it pays its call (within what #5 authorized), once.
        using (var late = await SendAsync(Rewrite(session, cumulative: 3000, counter: 3).NextVoucher(Amount.Zero)!))
        {
            late.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        using var replayed = await SendAsync(Rewrite(session, cumulative: 3000, counter: 3).NextVoucher(Amount.Zero)!);
        await replayed.ShouldBeRefusedAsync("voucher-replayed");
        await ChargedShouldBeAsync(3000);
    }

    [Fact]
    public async Task VoucherBeyondTheDeposit_IsRefusedVoucherExceedsDeposit()
    {
        using var session = await OpenAsync(Amount.FromUtia(5000));
        using var inflated = Rewrite(session, deposit: 1_000_000, cumulative: 5000);

        using var refused = await SendAsync(inflated.NextVoucher(PerCall)!);

        await refused.ShouldBeRefusedAsync("voucher-exceeds-deposit");
        await ChargedShouldBeAsync(0);
    }

    [Fact]
    public async Task SessionInsideTheExpiryMargin_IsRefusedSessionExpired()
    {
        using var session = await OpenAsync(lifetime: TimeSpan.FromSeconds(30));

        using var refused = await SendAsync(session.NextVoucher(PerCall)!);

        await refused.ShouldBeRefusedAsync("session-expired");
    }

    [Fact]
    public async Task VoucherAfterThePayerClosed_IsRefusedSessionClosed_OnceTheProviderReadsTheLedger()
    {
        using var session = await OpenAsync();
        for (var i = 0; i < 2; i++)
        {
            using var paid = await SendAsync(session.NextVoucher(PerCall)!);
            paid.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        await new SessionOpener(_nodeClient, _node.Consumer).CloseAsync(session, charged: Amount.FromUtia(2000), alreadyClaimed: Amount.Zero);
        // The provider's next claim is refused (session-closed); it reads the ledger and stops taking vouchers.
        await Claims.ClaimDueAsync(all: true, CancellationToken.None);
        using var refused = await SendAsync(session.NextVoucher(PerCall)!);

        await refused.ShouldBeRefusedAsync("session-closed");
        var state = (await _nodeClient.GetSessionAsync(session.Id))!;
        state.Status.ShouldBe("closed");
        state.Claimed.ShouldBe("2000", "the payer's close paid the provider what its receipt said was charged");
    }

    [Fact]
    public async Task UsagePrice_ChargesWhatTheHandlerSet_AndAFailedCallChargesNothing()
    {
        using var session = await OpenAsync();
        using var client = new HttpClient(new SessionPaymentHandler(session, PerCall) { InnerHandler = new SocketsHttpHandler() }) { BaseAddress = _node.BaseAddress };

        using var generated = await client.GetAsync("generate?words=7");
        using var failed = await client.GetAsync("broken");

        generated.StatusCode.ShouldBe(HttpStatusCode.OK);
        var receipt = generated.PaymentResponse().Extensions!.Value.GetProperty("fontanaSession");
        receipt.GetProperty("charged").GetString().ShouldBe("70");
        receipt.GetProperty("reason").GetString().ShouldBe("words");
        failed.StatusCode.ShouldBe(HttpStatusCode.InternalServerError);
        var failedReceipt = failed.PaymentResponse().Extensions!.Value.GetProperty("fontanaSession");
        failedReceipt.GetProperty("charged").GetString().ShouldBe("0");
        failedReceipt.GetProperty("reason").GetString().ShouldBe("failed-call");
        await ChargedShouldBeAsync(70);
    }

    [Fact]
    public async Task CallsClaimAndClose_MoveExactlyWhatWasCharged()
    {
        var payer = new Address(_node.Consumer.PublicKey);
        var before = Amount.ParseUtia((await _nodeClient.GetBalanceAsync(payer)).Balance);
        var minFee = Amount.ParseUtia((await _nodeClient.GetInfoAsync()).MinFee);
        using var session = await OpenAsync(Amount.FromTia(1));
        using var client = new HttpClient(new SessionPaymentHandler(session, PerCall) { InnerHandler = new SocketsHttpHandler() }) { BaseAddress = _node.BaseAddress };
        for (var i = 0; i < 5; i++)
        {
            using var response = await client.GetAsync("weather");
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        (await Claims.ClaimDueAsync(all: true, CancellationToken.None)).ShouldBe(1);
        var claimed = (await _nodeClient.GetSessionAsync(session.Id))!;
        await new SessionOpener(_nodeClient, _node.Consumer).CloseAsync(session, charged: Amount.FromUtia(5000), alreadyClaimed: Amount.ParseUtia(claimed.Claimed));

        claimed.Claimed.ShouldBe("5000");
        claimed.Counter.ShouldBe(5UL);
        var after = Amount.ParseUtia((await _nodeClient.GetBalanceAsync(payer)).Balance);
        (before - after).ShouldBe(minFee + Amount.FromUtia(5000), "the payer paid the open's fee and what was charged, nothing more");
        (await _nodeClient.GetBalanceAsync(_node.PayTo)).Balance.ShouldBe("4000", "the provider got the charges less its claim's fee");
        (await _nodeClient.GetSessionAsync(session.Id))!.Locked.ShouldBe("0");
    }

    [Fact]
    public async Task GetSession_UnknownOrMalformedId_AnswersWithItsCode()
    {
        (await _nodeClient.GetSessionAsync(Hash32.Compute("unknown"u8))).ShouldBeNull();
        using var malformed = await _http.GetAsync("v1/sessions/not-a-hash");
        malformed.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await malformed.ProblemCodeAsync()).ShouldBe("bad-txid");
        using var unknown = await _http.GetAsync("v1/sessions/" + Hash32.Compute("unknown"u8));
        unknown.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await unknown.ProblemCodeAsync()).ShouldBe("session-not-found");
    }

    [Fact]
    public async Task GetSession_OpenSession_ShowsItsTerms()
    {
        using var session = await OpenAsync(Amount.FromUtia(250_000));

        var dto = (await _nodeClient.GetSessionAsync(session.Id))!;

        dto.Status.ShouldBe("open");
        dto.Payer.ShouldBe(new Address(_node.Consumer.PublicKey).ToString());
        dto.Payee.ShouldBe(_node.PayTo.ToString());
        dto.Deposit.ShouldBe("250000");
        dto.Locked.ShouldBe("250000");
        dto.Claimed.ShouldBe("0");
        dto.Counter.ShouldBe(0UL);
        dto.Expiry.ShouldBe(session.Expiry);
    }

    private ISessionClaims Claims => _node.App.Services.GetRequiredService<ISessionClaims>();

    private Task<PaymentSession> OpenAsync(Amount? deposit = null, TimeSpan? lifetime = null) =>
        new SessionOpener(_nodeClient, _node.Consumer).OpenAsync(
            _node.ProviderKey.PublicKey, deposit ?? Amount.FromTia(1), lifetime ?? TimeSpan.FromHours(1));

    /// <summary>The same session key with other local figures: the next voucher is whatever an attacker wants signed.</summary>
    private static PaymentSession Rewrite(PaymentSession session, Hash32? id = null, ulong? deposit = null, ulong? cumulative = null, ulong? counter = null)
    {
        var json = JsonNode.Parse(session.ToJson())!.AsObject();
        if (id is { } newId)
        {
            json["Id"] = newId.ToString();
        }

        json["DepositUtia"] = deposit ?? json["DepositUtia"]!.GetValue<ulong>();
        json["CumulativeUtia"] = cumulative ?? json["CumulativeUtia"]!.GetValue<ulong>();
        json["Counter"] = counter is { } c ? c - 1 : json["Counter"]!.GetValue<ulong>();
        return PaymentSession.FromJson(json.ToJsonString());
    }

    private async Task<HttpResponseMessage> SendAsync(SignedVoucher voucher)
    {
        var payload = new PaymentPayload
        {
            Accepted = new PaymentRequirements
            {
                Scheme = FontanaSession.Scheme,
                Network = FontanaExact.FormatNetwork(FullNodeApp.ChainId),
                Amount = "1000",
                Asset = FontanaExact.Asset,
                PayTo = _node.PayTo.ToString(),
                MaxTimeoutSeconds = 60,
            },
            Payload = FontanaSession.CreatePayload(voucher),
        };
        return await _http.GetPaidAsync("weather", X402HeaderCodec.EncodePaymentSignature(payload));
    }

    private async Task ChargedShouldBeAsync(ulong utia) =>
        (await _node.ReadDashboardAsync()).GetProperty("sessions").GetProperty("chargedUtia").GetString().ShouldBe(utia.ToString(System.Globalization.CultureInfo.InvariantCulture));
}
