using System.Globalization;
using Fontana.Core;
using Fontana.Sdk.Sessions;
using Fontana.Sdk.Tests.Store;
using Fontana.Sdk.Wallet;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Fontana.Sdk.Tests.Sessions;

/// <summary>
/// The SDK's <see cref="SessionEnder"/> killed with SIGKILL at each step of ending a session, then run again. A real
/// payer process (tests/Fontana.Sdk.SessionChild: <see cref="Sdk.Payments.FontanaPayer"/> with a wallet store on SQLite or
/// PostgreSQL and a session store) pays a real provider (Kestrel on 127.0.0.1, settling through a <c>fontana devnet</c>
/// child process) through a session and closes it, or reclaims an expired one; it kills itself at the armed
/// <see cref="SessionEndCrashPoints"/> step. A restarted payer on the same stores ends the session exactly once: the
/// provider gets what it charged once, the rest of the deposit comes back once, nothing stays locked, and the record
/// is put right.
/// </summary>
public sealed class SessionEnderCrashTests(SessionEnderCrashTests.Devnet devnet) : IClassFixture<SessionEnderCrashTests.Devnet>, IDisposable
{
    private const int Calls = 3;
    private static readonly Amount Price = Amount.FromUtia(1_000);
    private readonly TempDirectory _dir = new("session-end-crash");

    public static TheoryData<string, string> CloseSteps => Cases(
        SessionEndCrashPoints.CloseBeforeSubmit, SessionEndCrashPoints.CloseAfterSubmit, SessionEndCrashPoints.CloseAfterRecord);

    public static TheoryData<string, string> ReclaimSteps => Cases(
        SessionEndCrashPoints.ReclaimBeforeSubmit, SessionEndCrashPoints.ReclaimAfterSubmit, SessionEndCrashPoints.ReclaimAfterRecord);

    [Theory]
    [MemberData(nameof(CloseSteps))]
    public async Task Close_KilledAtStep_RestartClosesOnceProviderPaidWhatItChargedRestBackOnce(string engine, string step)
    {
        using var store = new StoreTarget(engine);
        await using var provider = await StartProviderAsync();
        var sessions = _dir.Combine("sessions");
        var consumerBefore = await devnet.BalanceAsync(devnet.Consumer);
        var paidUrl = new Uri(provider.BaseAddress, "paid").ToString();

        var killed = await RunAsync(step, "pay-then-close", store, sessions, paidUrl, Calls.ToString(CultureInfo.InvariantCulture));

        killed.ExitCode.ShouldBe(137, killed.Err);
        killed.Err.ShouldContain($"killing this process (SIGKILL) at {step}");
        var paid = killed.Lines.ShouldHaveSingleItem("the calls were paid; nothing printed after the kill");
        var opened = paid.GetProperty("sessions").EnumerateArray().ShouldHaveSingleItem();
        opened.GetProperty("charged").GetUInt64().ShouldBe(Calls * Price.Utia, "every call was paid with a voucher");
        var id = Hash32.Parse(opened.GetProperty("id").GetString()!);
        var deposit = Amount.FromUtia(opened.GetProperty("deposit").GetUInt64());
        var sentBeforeTheKill = step != SessionEndCrashPoints.CloseBeforeSubmit;
        (await devnet.Node.GetSessionAsync(id))!.Status.ShouldBe(sentBeforeTheKill ? "closed" : "open");
        RecordClosed(sessions, id).ShouldBe(step == SessionEndCrashPoints.CloseAfterRecord);

        var restart = await RunAsync(null, "close", store, sessions);

        restart.ExitCode.ShouldBe(0, restart.Err);
        restart.Lines.ShouldHaveSingleItem().GetProperty("closed").GetInt32().ShouldBe(sentBeforeTheKill ? 0 : 1, "closed exactly once in all");
        var again = await RunAsync(null, "close", store, sessions);
        again.Lines.ShouldHaveSingleItem().GetProperty("closed").GetInt32().ShouldBe(0);
        RecordClosed(sessions, id).ShouldBeTrue("the record is put right");

        var state = (await devnet.Node.GetSessionAsync(id))!;
        state.Status.ShouldBe("closed");
        state.Claimed.ShouldBe((Calls * Price.Utia).ToString(CultureInfo.InvariantCulture));
        Amount.ParseUtia(state.Locked).ShouldBe(Amount.Zero, "nothing stays locked");
        Amount.ParseUtia(state.Deposit).ShouldBe(deposit);
        var charged = Amount.FromUtia(Calls * Price.Utia);
        (await devnet.BalanceAsync(Address.Parse(state.Payee))).ShouldBe(charged, "the provider (a fresh key) was paid what it charged, once");
        (await devnet.BalanceAsync(devnet.Consumer)).ShouldBe(consumerBefore - devnet.MinFee - charged, "the open's fee and the charges left the wallet; the rest came back once");
    }

    [Theory]
    [MemberData(nameof(ReclaimSteps))]
    public async Task Reclaim_KilledAtStep_RestartReclaimsOnceWholeDepositBackOnce(string engine, string step)
    {
        using var store = new StoreTarget(engine);
        var sessions = _dir.Combine("sessions");
        var deposit = Amount.FromUtia(30_000);
        using var key = WalletKeyFile.Load(devnet.Wallet);
        using var payee = Core.Crypto.PrivateKey.Generate();
        using var session = await new SessionOpener(devnet.Node, key.PrivateKey).OpenAsync(payee.PublicKey, deposit, TimeSpan.FromSeconds(3));
        new SessionFileStore(sessions).Save(session);
        await Eventually.TrueAsync(
            async () => (await devnet.Node.GetSessionAsync(session.Id))!.Status == "expired", TimeSpan.FromSeconds(60), $"session {session.Id} expired (the ledger's clock)");
        var before = await devnet.BalanceAsync(devnet.Consumer);

        var killed = await RunAsync(step, "reclaim", store, sessions);

        killed.ExitCode.ShouldBe(137, killed.Err);
        killed.Err.ShouldContain($"killing this process (SIGKILL) at {step}");
        var sentBeforeTheKill = step != SessionEndCrashPoints.ReclaimBeforeSubmit;
        (await devnet.Node.GetSessionAsync(session.Id))!.Status.ShouldBe(sentBeforeTheKill ? "closed" : "expired");
        RecordClosed(sessions, session.Id).ShouldBe(step == SessionEndCrashPoints.ReclaimAfterRecord);

        var restart = await RunAsync(null, "reclaim", store, sessions);

        restart.ExitCode.ShouldBe(0, restart.Err);
        var again = await RunAsync(null, "reclaim", store, sessions);
        again.ExitCode.ShouldBe(0, again.Err);
        RecordClosed(sessions, session.Id).ShouldBeTrue("the record is put right");
        var state = (await devnet.Node.GetSessionAsync(session.Id))!;
        state.Status.ShouldBe("closed");
        Amount.ParseUtia(state.Locked).ShouldBe(Amount.Zero, "nothing stays locked");
        (await devnet.BalanceAsync(devnet.Consumer)).ShouldBe(before + deposit, "the whole deposit came back, once");
    }

    public void Dispose() => _dir.Dispose();

    private Task<(int ExitCode, IReadOnlyList<System.Text.Json.JsonElement> Lines, string Err)> RunAsync(
        string? crashAt, string command, StoreTarget store, string sessions, params string[] more) =>
        SessionChildProcess.RunAsync(crashAt, command, devnet.Url, devnet.Wallet, store, sessions, more);

    private static bool RecordClosed(string sessions, Hash32 id)
    {
        using var record = new SessionFileStore(sessions).Load(id).ShouldNotBeNull("the session is on record");
        return record.IsClosed;
    }

    private static TheoryData<string, string> Cases(params string[] steps)
    {
        var data = new TheoryData<string, string>();
        foreach (var engine in StoreTarget.Engines)
        {
            foreach (var step in steps)
            {
                data.Add(engine, step);
            }
        }

        return data;
    }

    /// <summary>A provider taking sessions at 0.001 TIA a call, paid to a fresh key, claiming nothing on its own (so the
    /// payer's close alone pays it).</summary>
    private async Task<KestrelHost> StartProviderAsync()
    {
        var providerSessions = _dir.Combine("provider-sessions.db");
        var (host, _) = await PaidApiHost.StartAsync(
            devnet.Url,
            devnet.ChainId,
            app => app.MapGet("/paid", () => "paid").RequirePayment("0.001 TIA"),
            services => services.AddFontanaSessions(o =>
            {
                o.StorePath = providerSessions;
                o.ClaimInterval = TimeSpan.FromHours(1);
                o.ClaimThresholdUtia = 1_000_000_000;
            }));
        return host;
    }

    /// <summary>One <c>fontana devnet</c> process for every test; its wallet is the consumer's.</summary>
    public sealed class Devnet : IAsyncLifetime
    {
        private readonly TempDirectory _home = new("session-end-devnet");
        private DevnetProcess _devnet = null!;

        public string Url => _devnet.Url;

        public string ChainId => _devnet.Started.GetProperty("chainId").GetString()!;

        public string Wallet => _home.Combine("wallet.key");

        public Address Consumer => Address.Parse(_devnet.Address);

        public FontanaClient Node { get; private set; } = null!;

        public Amount MinFee { get; private set; }

        public async Task InitializeAsync()
        {
            _devnet = await DevnetProcess.StartAsync(_home.Path, _home.Combine("devnet"), Wallet, FontanaProcess.FreePort());
            Node = new FontanaClient(new Uri(_devnet.Url));
            MinFee = Amount.ParseUtia((await Node.GetInfoAsync()).MinFee);
        }

        public async Task<Amount> BalanceAsync(Address address) => Amount.ParseUtia((await Node.GetBalanceAsync(address)).Balance);

        public async Task DisposeAsync()
        {
            Node.Dispose();
            await _devnet.DisposeAsync();
            _home.Dispose();
        }
    }
}
