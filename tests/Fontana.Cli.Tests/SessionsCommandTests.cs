using Microsoft.Extensions.DependencyInjection;
using Fontana.Core;
using Fontana.Core.Crypto;
using Fontana.Sdk;
using Fontana.Sdk.Sessions;
using Fontana.Sdk.Wallet;
using Microsoft.AspNetCore.Builder;

namespace Fontana.Cli.Tests;

/// <summary>Issue 15 from the command line: <c>fontana call --session</c> pays a provider that takes sessions with
/// vouchers, <c>fontana sessions</c> lists, closes and reclaims them, against a real devnet and provider.</summary>
public sealed class SessionsCommandTests : IAsyncLifetime
{
    private readonly TempDirectory _home = new("sessions");
    private DevnetProcess _devnet = null!;
    private KestrelHost _provider = null!;
    private string _wallet = string.Empty;

    public async Task InitializeAsync()
    {
        _wallet = _home.Combine("wallet.key");
        _devnet = await DevnetProcess.StartAsync(_home.Path, _home.Combine("devnet"), _wallet, FontanaProcess.FreePort());
        var store = _home.Combine("provider-sessions.db");
        (_provider, var _) = await PaidApiHost.StartAsync(
            _devnet.Url,
            _devnet.Started.GetProperty("chainId").GetString()!,
            app => app.MapGet("/paid", () => "paid").RequirePayment("0.001 TIA"),
            services => services.AddFontanaSessions(o => o.StorePath = store));
    }

    public async Task DisposeAsync()
    {
        await _provider.DisposeAsync();
        await _devnet.DisposeAsync();
        _home.Dispose();
    }

    [Fact]
    public async Task CallWithSession_ThenListAndClose_ProviderPaidWhatItCharged()
    {
        var url = new Uri(_provider.BaseAddress, "paid").ToString();
        for (var i = 0; i < 3; i++)
        {
            var call = await RunAsync("call", url, "--session", "--json");
            call.ExitCode.ShouldBe(0, call.ToString());
            call.ParseJson().GetProperty("session").GetProperty("charged").GetString().ShouldBe("1000");
        }

        var list = await RunAsync("sessions", "--json");
        list.ExitCode.ShouldBe(0, list.ToString());
        var row = list.ParseJson().GetProperty("sessions").EnumerateArray().ShouldHaveSingleItem();
        row.GetProperty("status").GetString().ShouldBe("open");
        row.GetProperty("charged").GetString().ShouldBe("3000utia");
        var id = row.GetProperty("id").GetString()!;

        var close = await RunAsync("sessions", "close", id, "--json");
        close.ExitCode.ShouldBe(0, close.ToString());
        var closed = close.ParseJson().GetProperty("sessions").EnumerateArray().ShouldHaveSingleItem();
        closed.GetProperty("status").GetString().ShouldBe("closed");
        closed.GetProperty("claimed").GetString().ShouldBe("3000");

        var again = await RunAsync("sessions", "close", id);
        again.ExitCode.ShouldBe(1, again.ToString());
        again.Err.ShouldStartWith("error session-closed: ");
    }

    [Fact]
    public async Task Reclaim_ExpiredSessionOnRecord_WholeDepositBack_ThenNothingLeft()
    {
        using var node = new FontanaClient(new Uri(_devnet.Url));
        using var key = WalletKeyFile.Load(_wallet, null);
        using var payee = PrivateKey.Generate();
        var session = await new SessionOpener(node, key.PrivateKey).OpenAsync(payee.PublicKey, Amount.FromUtia(40_000), TimeSpan.FromSeconds(5));
        new SessionFileStore(_home.Combine("sessions")).Save(session);
        await WaitForExpiredAsync(node, session.Id);
        var before = await BalanceAsync(node);

        var reclaim = await RunAsync("sessions", "reclaim", "--json");

        reclaim.ExitCode.ShouldBe(0, reclaim.ToString());
        var json = reclaim.ParseJson();
        json.GetProperty("reclaimed").EnumerateArray().ShouldHaveSingleItem().GetProperty("id").GetString().ShouldBe(session.Id.ToString());
        json.GetProperty("total").GetString().ShouldBe("40000utia");
        (await BalanceAsync(node)).ShouldBe(before + Amount.FromUtia(40_000));
        (await node.GetSessionAsync(session.Id))!.Status.ShouldBe("closed");

        var nothing = await RunAsync("sessions", "reclaim");
        nothing.ExitCode.ShouldBe(0, nothing.ToString());
        nothing.Out.ShouldBe("no expired sessions on record\n");
        var twice = await RunAsync("sessions", "reclaim", session.Id.ToString());
        twice.ExitCode.ShouldBe(1, twice.ToString());
        twice.Err.ShouldStartWith("error session-closed: ");
    }

    [Fact]
    public async Task Close_KilledAfterSubmitBeforeSavingItsRecord_RestartClosesOnce_RecordPutRight()
    {
        var url = new Uri(_provider.BaseAddress, "paid").ToString();
        for (var i = 0; i < 2; i++)
        {
            var call = await RunAsync("call", url, "--session", "--json");
            call.ExitCode.ShouldBe(0, call.ToString());
        }

        using var node = new FontanaClient(new Uri(_devnet.Url));
        var store = new SessionFileStore(_home.Combine("sessions"));
        var id = store.LoadAll().ShouldHaveSingleItem().Id;
        var before = await BalanceAsync(node);
        var deposit = Amount.ParseUtia((await node.GetSessionAsync(id))!.Deposit);

        var killed = await RunAsync(CrashAt("close-after-submit"), "sessions", "close", id.ToString());

        killed.ExitCode.ShouldBe(137, killed.ToString());
        killed.Err.ShouldContain("FONTANA_SESSION_CRASH_AT: killing this process (SIGKILL) at close-after-submit");
        (await node.GetSessionAsync(id))!.Status.ShouldBe("closed", "the node took the close before the kill");
        using (var stale = store.Load(id)!)
        {
            stale.IsClosed.ShouldBeFalse("the record was not saved");
        }

        var again = await RunAsync("sessions", "close", id.ToString());

        again.ExitCode.ShouldBe(1, again.ToString());
        again.Err.ShouldStartWith("error session-closed: ");
        using (var record = store.Load(id)!)
        {
            record.IsClosed.ShouldBeTrue("the restart put the record right");
        }

        var state = (await node.GetSessionAsync(id))!;
        state.Claimed.ShouldBe("2000", "the provider was paid what it charged, once");
        (await BalanceAsync(node)).ShouldBe(before + deposit - Amount.FromUtia(2000), "the rest of the deposit came back once");
        var list = await RunAsync("sessions", "--json");
        list.ParseJson().GetProperty("sessions").EnumerateArray().ShouldHaveSingleItem().GetProperty("status").GetString().ShouldBe("closed");
    }

    [Fact]
    public async Task Reclaim_KilledAfterSubmitBeforeSavingItsRecord_RestartReclaimsOnce_RecordPutRight()
    {
        using var node = new FontanaClient(new Uri(_devnet.Url));
        using var key = WalletKeyFile.Load(_wallet, null);
        using var payee = PrivateKey.Generate();
        var session = await new SessionOpener(node, key.PrivateKey).OpenAsync(payee.PublicKey, Amount.FromUtia(30_000), TimeSpan.FromSeconds(5));
        var store = new SessionFileStore(_home.Combine("sessions"));
        store.Save(session);
        await WaitForExpiredAsync(node, session.Id);
        var before = await BalanceAsync(node);

        var killed = await RunAsync(CrashAt("reclaim-after-submit"), "sessions", "reclaim");

        killed.ExitCode.ShouldBe(137, killed.ToString());
        killed.Err.ShouldContain("at reclaim-after-submit");
        (await node.GetSessionAsync(session.Id))!.Status.ShouldBe("closed", "the node took the reclaim before the kill");
        (await BalanceAsync(node)).ShouldBe(before + Amount.FromUtia(30_000));
        using (var stale = store.Load(session.Id)!)
        {
            stale.IsClosed.ShouldBeFalse("the record was not saved");
        }

        var restart = await RunAsync("sessions", "reclaim", "--json");

        restart.ExitCode.ShouldBe(0, restart.ToString());
        var row = restart.ParseJson().GetProperty("reclaimed").EnumerateArray().ShouldHaveSingleItem();
        row.GetProperty("alreadyClosed").GetBoolean().ShouldBeTrue();
        row.GetProperty("returned").GetString().ShouldBe("0utia");
        (await BalanceAsync(node)).ShouldBe(before + Amount.FromUtia(30_000), "reclaimed exactly once");
        using (var record = store.Load(session.Id)!)
        {
            record.IsClosed.ShouldBeTrue("the restart put the record right");
        }

        var nothing = await RunAsync("sessions", "reclaim");
        nothing.Out.ShouldBe("no expired sessions on record\n");
    }

    [Fact]
    public async Task Reclaim_BeforeExpiryOrBadId_RefusedWithACode()
    {
        using var node = new FontanaClient(new Uri(_devnet.Url));
        using var key = WalletKeyFile.Load(_wallet, null);
        using var payee = PrivateKey.Generate();
        var session = await new SessionOpener(node, key.PrivateKey).OpenAsync(payee.PublicKey, Amount.FromUtia(10_000), TimeSpan.FromHours(1));

        var early = await RunAsync("sessions", "reclaim", session.Id.ToString());
        early.ExitCode.ShouldBe(1, early.ToString());
        early.Err.ShouldStartWith("error session-not-expired: ");
        (await node.GetSessionAsync(session.Id))!.Locked.ShouldBe("10000", "nothing moved");

        var bad = await RunAsync("sessions", "reclaim", "xyz");
        bad.ExitCode.ShouldBe(1, bad.ToString());
        bad.Err.ShouldBe("error bad-argument: \"xyz\" is not a session id (64 hex characters)\n");
    }

    private Task<CliRun> RunAsync(params string[] args) =>
        FontanaProcess.RunAsync(_home.Path, [.. args, "--wallet", _wallet, "--node", _devnet.Url]);

    private Task<CliRun> RunAsync(IReadOnlyDictionary<string, string?> environment, params string[] args) =>
        FontanaProcess.RunAsync(_home.Path, environment, [.. args, "--wallet", _wallet, "--node", _devnet.Url]);

    private static Dictionary<string, string?> CrashAt(string point) => new() { ["FONTANA_SESSION_CRASH_AT"] = point };

    private async Task<Amount> BalanceAsync(FontanaClient node) =>
        Amount.ParseUtia((await node.GetBalanceAsync(Address.Parse(_devnet.Address))).Balance);

    private static Task WaitForExpiredAsync(FontanaClient node, Hash32 id) =>
        Eventually.TrueAsync(async () => (await node.GetSessionAsync(id))!.Status == "expired", TimeSpan.FromSeconds(60), $"session {id} expired (the ledger's real clock)");
}
