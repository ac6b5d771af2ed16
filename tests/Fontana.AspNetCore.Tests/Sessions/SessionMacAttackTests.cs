using System.Net;
using System.Text.Json.Nodes;
using Fontana.AspNetCore.Sessions;
using Fontana.AspNetCore.Tests.Support;
using Fontana.Core;
using Fontana.Core.Crypto;
using Fontana.Core.Sessions;
using Fontana.Core.X402;
using Fontana.Sdk;
using Fontana.Sdk.Sessions;
using Microsoft.Extensions.DependencyInjection;

namespace Fontana.AspNetCore.Tests.Sessions;

/// <summary>
/// The attacks of <see cref="SessionAttackTests"/> on MAC-authenticated vouchers (docs/x402.md, "MAC vouchers"), on a
/// real node + provider whose MAC credit is the default (1 TIA), the payer signing every 25,000 utia (a quarter of a
/// 100,000 credit): each bad voucher is refused with its stable
/// code, the handler does not run, nothing is charged; the provider claims only up to the newest signed voucher.
/// </summary>
public sealed class SessionMacAttackTests : IAsyncLifetime
{
    private static readonly Amount PerCall = Amount.FromUtia(1000);
    private static readonly Amount ProviderCredit = Amount.FromUtia(new FontanaSessionOptions().MacCreditUtia);
    private static readonly Amount PayerCredit = Amount.FromUtia(100_000);
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
    public async Task ForgedMac_IsRefusedBadVoucherMac()
    {
        using var session = await OpenAsync();
        using var key = MacKeyOf(session);
        var voucher = new Voucher(session.Id, PerCall, 1);
        var mac = key.Compute(voucher);
        mac[5] ^= 0x01;

        using var refused = await SendAsync(PresentedVoucher.Create(voucher, [], mac));

        await refused.ShouldBeRefusedAsync("bad-voucher-mac");
        await ChargedShouldBeAsync(0);
    }

    [Fact]
    public async Task MacUnderAnotherSessionsKey_IsRefusedBadVoucherMac()
    {
        using var mine = await OpenAsync();
        using var other = await OpenAsync();
        using var myKey = MacKeyOf(mine);
        var aimed = new Voucher(other.Id, PerCall, 1);

        // Mine's key MACs a voucher naming the other session: the provider checks it with the other session's key.
        using var refused = await SendAsync(PresentedVoucher.Create(aimed, [], myKey.Compute(aimed)));

        await refused.ShouldBeRefusedAsync("bad-voucher-mac");
        await ChargedShouldBeAsync(0);
    }

    [Fact]
    public async Task MacForAnotherPayee_IsRefusedBadVoucherMac()
    {
        using var session = await OpenAsync();
        using var stranger = PrivateKey.Generate();
        using var sessionKey = SessionKeyOf(session);
        // The key the payer would share with another payee (X25519 with that payee's key): not this provider's.
        using var otherPayeeKey = SessionMacKey.ForPayer(sessionKey, stranger.PublicKey, session.Id, FullNodeApp.ChainId);

        using var refused = await SendAsync(PresentedVoucher.FromMac(new Voucher(session.Id, PerCall, 1), otherPayeeKey));

        await refused.ShouldBeRefusedAsync("bad-voucher-mac");
    }

    [Fact]
    public async Task MacVoucherReplayed_IsRefusedVoucherReplayed_AndChargedOnce()
    {
        using var session = await OpenAsync();
        var voucher = Mac(session).NextPresentedVoucher(PerCall)!;
        voucher.Signed.ShouldBeNull("within a quarter of the credit, the SDK sends a MAC only");

        using (var paid = await SendAsync(voucher))
        {
            paid.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        using var replayed = await SendAsync(voucher);

        await replayed.ShouldBeRefusedAsync("voucher-replayed");
        await ChargedShouldBeAsync(1000);
    }

    [Fact]
    public async Task LowerCumulativeUnderAHigherCounter_IsRefusedVoucherInconsistent()
    {
        using var session = await OpenAsync();
        using var key = MacKeyOf(session);
        using (var first = await SendAsync(PresentedVoucher.FromMac(new Voucher(session.Id, Amount.FromUtia(3000), 4), key)))
        {
            first.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        using var refused = await SendAsync(PresentedVoucher.FromMac(new Voucher(session.Id, Amount.FromUtia(2000), 5), key));

        await refused.ShouldBeRefusedAsync("voucher-inconsistent");
        await ChargedShouldBeAsync(1000);
    }

    [Fact]
    public async Task MacVoucherBeyondTheDeposit_IsRefusedVoucherExceedsDeposit()
    {
        using var session = await OpenAsync(Amount.FromUtia(5000));
        using var key = MacKeyOf(session);

        using var refused = await SendAsync(PresentedVoucher.FromMac(new Voucher(session.Id, Amount.FromUtia(6000), 1), key));

        await refused.ShouldBeRefusedAsync("voucher-exceeds-deposit");
        await ChargedShouldBeAsync(0);
    }

    [Fact]
    public async Task MacVoucherBeyondTheCredit_IsRefusedSignatureRequired_ThenTakenSigned()
    {
        using var session = await OpenAsync(ProviderCredit + ProviderCredit);
        using var key = MacKeyOf(session);
        var voucher = new Voucher(session.Id, ProviderCredit + PerCall, 1);

        using (var refused = await SendAsync(PresentedVoucher.FromMac(voucher, key)))
        {
            await refused.ShouldBeRefusedAsync("voucher-signature-required");
        }

        await ChargedShouldBeAsync(0);
        // The refused voucher's counter is unused: the same voucher, signed, pays the call.
        using var signed = await SendAsync(session.Signed(voucher));
        signed.StatusCode.ShouldBe(HttpStatusCode.OK);
        await ChargedShouldBeAsync(1000);
    }

    [Fact]
    public async Task MacVoucherInsideTheExpiryMargin_IsRefusedSessionExpired()
    {
        using var session = await OpenAsync(lifetime: TimeSpan.FromSeconds(30));

        using var refused = await SendAsync(Mac(session).NextPresentedVoucher(PerCall)!);

        await refused.ShouldBeRefusedAsync("session-expired");
    }

    [Fact]
    public async Task MacVoucherAfterThePayerClosed_IsRefusedSessionClosed()
    {
        using var session = Mac(await OpenAsync());
        using var key = MacKeyOf(session);
        // Call #1 signed, call #2 by MAC only (as the SDK does past and within a quarter of the credit).
        foreach (var voucher in new[] { PresentedVoucher.FromSigned(session.NextVoucher(PerCall)!), session.NextPresentedVoucher(PerCall)! })
        {
            using var paid = await SendAsync(voucher);
            paid.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        await new SessionOpener(_nodeClient, _node.Consumer).CloseAsync(session, charged: Amount.FromUtia(2000), alreadyClaimed: Amount.Zero);
        // The provider's next claim (of signed #1) is refused session-closed; it reads the ledger and stops taking vouchers.
        await Claims.ClaimDueAsync(all: true, CancellationToken.None);

        using var refused = await SendAsync(PresentedVoucher.FromMac(new Voucher(session.Id, Amount.FromUtia(3000), 3), key));

        await refused.ShouldBeRefusedAsync("session-closed");
        (await _nodeClient.GetSessionAsync(session.Id))!.Claimed.ShouldBe("2000");
    }

    [Fact]
    public async Task MacCalls_ClaimOnlyUpToTheNewestSignedVoucher_AndThePayersCloseSettlesTheRest()
    {
        var payer = new Address(_node.Consumer.PublicKey);
        var before = Amount.ParseUtia((await _nodeClient.GetBalanceAsync(payer)).Balance);
        var minFee = Amount.ParseUtia((await _nodeClient.GetInfoAsync()).MinFee);
        using var session = await OpenAsync(Amount.FromTia(1));
        using var client = MacClient(session);
        // 30 calls at 1,000: the SDK signs the first voucher past a quarter of the credit (25,000), #26, then MACs.
        for (var i = 0; i < 30; i++)
        {
            using var response = await client.GetAsync("weather");
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        await ChargedShouldBeAsync(30_000);
        (await Claims.ClaimDueAsync(all: true, CancellationToken.None)).ShouldBe(1);
        var claimed = (await _nodeClient.GetSessionAsync(session.Id))!;
        claimed.Claimed.ShouldBe("26000", "the ledger pays out against signed vouchers only: #26 is the newest");
        claimed.Counter.ShouldBe(26UL);

        await new SessionOpener(_nodeClient, _node.Consumer).CloseAsync(session, charged: Amount.FromUtia(30_000), alreadyClaimed: Amount.ParseUtia(claimed.Claimed));

        var after = Amount.ParseUtia((await _nodeClient.GetBalanceAsync(payer)).Balance);
        (before - after).ShouldBe(minFee + Amount.FromUtia(30_000), "the payer paid the open's fee and what was charged, nothing more");
        (await _nodeClient.GetSessionAsync(session.Id))!.Claimed.ShouldBe("30000");
        (await _nodeClient.GetSessionAsync(session.Id))!.Locked.ShouldBe("0");
    }

    private ISessionClaims Claims => _node.App.Services.GetRequiredService<ISessionClaims>();

    private Task<PaymentSession> OpenAsync(Amount? deposit = null, TimeSpan? lifetime = null) =>
        new SessionOpener(_nodeClient, _node.Consumer).OpenAsync(
            _node.ProviderKey.PublicKey, deposit ?? Amount.FromTia(1), lifetime ?? TimeSpan.FromHours(1));

    private static PaymentSession Mac(PaymentSession session)
    {
        session.MacCredit = PayerCredit;
        return session;
    }

    private HttpClient MacClient(PaymentSession session) =>
        new(new SessionPaymentHandler(Mac(session), PerCall) { InnerHandler = new SocketsHttpHandler() }) { BaseAddress = _node.BaseAddress };

    /// <summary>The payer's session key, read from the session's record (what an attacker holding it could sign with).</summary>
    private static PrivateKey SessionKeyOf(PaymentSession session) =>
        PrivateKey.FromSeed(Convert.FromHexString(JsonNode.Parse(session.ToJson())!["SessionKeySeed"]!.GetValue<string>()));

    private SessionMacKey MacKeyOf(PaymentSession session)
    {
        using var sessionKey = SessionKeyOf(session);
        return SessionMacKey.ForPayer(sessionKey, _node.ProviderKey.PublicKey, session.Id, FullNodeApp.ChainId);
    }

    private async Task<HttpResponseMessage> SendAsync(PresentedVoucher voucher)
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
