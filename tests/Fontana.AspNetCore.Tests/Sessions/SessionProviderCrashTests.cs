using System.Net;
using System.Text.Json;
using Fontana.AspNetCore.Tests.Support;
using Fontana.Core;
using Fontana.Core.Crypto;
using Fontana.Sdk;
using Fontana.Sdk.Sessions;

namespace Fontana.AspNetCore.Tests.Sessions;

/// <summary>
/// A provider process taking payment sessions (remote settlement through a real node) is killed with SIGKILL after
/// serving calls whose vouchers it accepted but never claimed. Restarted on the same session store, it claims exactly
/// what it charged, refuses the old vouchers as replays, and takes the payer's next ones; the payer never pays more than
/// its vouchers signed.
/// </summary>
public sealed class SessionProviderCrashTests : IAsyncLifetime
{
    private readonly PrivateKey _providerKey = PrivateKey.Generate();
    private readonly string _directory = Directory.CreateTempSubdirectory("fontana-session-crash-").FullName;
    private FullNodeApp _node = null!;
    private FontanaClient _nodeClient = null!;

    public async Task InitializeAsync()
    {
        _node = await FullNodeApp.StartAsync();
        _nodeClient = new FontanaClient(_node.BaseAddress);
    }

    public async Task DisposeAsync()
    {
        _nodeClient.Dispose();
        await _node.DisposeAsync();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A killed process's files may linger briefly; the temp directory is cleaned up later.
        }
    }

    [Fact]
    public async Task ProviderKilledWithUnclaimedVouchers_RestartsAndClaimsExactlyWhatItCharged()
    {
        using var session = await new SessionOpener(_nodeClient, _node.Consumer).OpenAsync(_providerKey.PublicKey, Amount.FromTia(1), TimeSpan.FromHours(1));
        var beforeCalls = session.ToJson();
        await using (var provider = await StartProviderAsync())
        {
            using var client = Client(provider, session);
            var statuses = await Task.WhenAll(Enumerable.Range(0, 20).Select(async _ =>
            {
                using var response = await client.GetAsync("weather");
                return response.StatusCode;
            }));
            statuses.ShouldAllBe(s => s == HttpStatusCode.OK);
            provider.Kill();
        }

        var unclaimed = (await _nodeClient.GetSessionAsync(session.Id))!;
        unclaimed.Claimed.ShouldBe("0", "nothing was claimed before the kill");

        await using var restarted = await StartProviderAsync();
        using (var claim = await restarted.Client.PostAsync("claims", null))
        {
            claim.EnsureSuccessStatusCode();
            JsonDocument.Parse(await claim.Content.ReadAsStringAsync()).RootElement.GetProperty("submitted").GetInt32().ShouldBe(1);
        }

        var claimed = (await _nodeClient.GetSessionAsync(session.Id))!;
        claimed.Claimed.ShouldBe("20000", "20 calls at 1000 utia each, all served before the kill, none lost");
        claimed.Counter.ShouldBe(20UL);
        (await _nodeClient.GetBalanceAsync(new Address(_providerKey.PublicKey))).Balance.ShouldBe("19000", "the charges less the claim's fee");
        Amount.ParseUtia(claimed.Claimed).ShouldBeLessThanOrEqualTo(session.Cumulative, "never more than the vouchers signed");

        // The vouchers signed before the kill are spent; the payer's next ones are taken.
        using (var replay = Client(restarted, PaymentSession.FromJson(beforeCalls)))
        using (var refused = await replay.GetAsync("weather"))
        {
            await refused.ShouldBeRefusedAsync("voucher-replayed");
        }

        using var next = Client(restarted, session);
        using var paid = await next.GetAsync("weather");
        paid.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await restarted.RunsAsync()).ShouldBe(1);
    }

    private Task<ProviderProcess> StartProviderAsync() => ProviderProcess.StartAsync(new Dictionary<string, string>
    {
        ["FONTANA__PROVIDER__PAYTO"] = new Address(_providerKey.PublicKey).ToString(),
        ["FONTANA__PROVIDER__CHAINID"] = FullNodeApp.ChainId,
        ["FONTANA__PROVIDER__CHALLENGEKEYSEED"] = Convert.ToHexString(_providerKey.ExportSeed()),
        ["FONTANA__PROVIDER__SETTLEMENT"] = "Remote",
        ["FONTANA__PROVIDER__NODEURL"] = _node.BaseAddress.ToString(),
        ["FONTANA__PROVIDER__SESSIONS__ENABLED"] = "true",
        ["FONTANA__PROVIDER__SESSIONS__STOREPATH"] = Path.Combine(_directory, "provider-sessions.db"),
        ["FONTANA__PROVIDER__SESSIONS__CLAIMINTERVAL"] = "01:00:00",
        ["FONTANA__PROVIDER__SESSIONS__CLAIMTHRESHOLDUTIA"] = "1000000000",
    });

    private static HttpClient Client(ProviderProcess provider, PaymentSession session) =>
        new(new SessionPaymentHandler(session, Amount.FromUtia(1000)) { InnerHandler = new SocketsHttpHandler() }) { BaseAddress = provider.BaseAddress };
}
