using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Fontana.Core;
using Fontana.Sdk;
using Fontana.Sdk.Monitor;
using Fontana.Sdk.Store;
using Fontana.Sdk.Wallet;

namespace Fontana.Cli.Tests;

/// <summary>Issue 13: a worker paying from a shared wallet store is killed (SIGKILL) while it holds coin leases; another
/// process (this test, through its own store connection) can claim every coin it held soon after — once the dead
/// worker's heartbeat has run out and the monitor has settled its unresolved payments — instead of after the 10 minutes
/// a fixed lease took — on SQLite and on PostgreSQL. (That a live process's leases are never taken is tested with a fake
/// clock in CoinLeaseTests.)</summary>
public sealed class KilledWorkerLeasesTests : IDisposable
{
    private readonly TempDirectory _home = new("killed-leases");
    private Process? _worker;

    private readonly string _schema = "killed_leases_" + Guid.NewGuid().ToString("N")[..12];
    private string? _postgres;

    [Fact]
    public Task Worker_KilledHoldingLeases_AnotherProcessClaimsItsCoinsSoonAfter_Sqlite() => KilledHoldingLeasesAsync("sqlite");

    /// <summary>PostgreSQL: a schema of its own, dropped afterwards.</summary>
    [PostgresFact]
    public Task Worker_KilledHoldingLeases_AnotherProcessClaimsItsCoinsSoonAfter_Postgres() => KilledHoldingLeasesAsync("postgresql");

    private async Task KilledHoldingLeasesAsync(string engine)
    {
        var wallet = _home.Combine("wallet.key");
        _postgres = engine == "sqlite" ? null : SharedWalletProcessesTests.PostgresForTests();
        var storePath = _postgres ?? _home.Combine("wallet.db");
        string[] schemaArgs = _postgres is null ? [] : ["--store-schema", _schema];
        await using var devnet = await DevnetProcess.StartAsync(_home.Path, _home.Combine("devnet"), wallet, FontanaProcess.FreePort());
        using var node = new FontanaClient(new Uri(devnet.Url));
        var (provider, _) = await PaidApiHost.StartAsync(devnet.Url, devnet.Started.GetProperty("chainId").GetString()!, app =>
            app.MapGet("/paid", () => "paid").RequirePayment("0.001 TIA"));
        await using var providerHost = provider;
        var info = FontanaProcess.StartInfo(_home.Path,
        [
            "bench", "calls-worker", "--url", new Uri(provider.BaseAddress, "paid").ToString(), "--node", devnet.Url, "--wallet", wallet,
            "--store", storePath, .. schemaArgs, "--calls", "100000", "--concurrency", "4",
        ]);
        info.RedirectStandardInput = true;
        _worker = Process.Start(info)!;
        var stderr = _worker.StandardError.ReadToEndAsync();
        (await _worker.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(120))).ShouldBe("ready");
        await _worker.StandardInput.WriteLineAsync("go");
        await _worker.StandardInput.FlushAsync();

        var address = new Address(WalletKeyFile.ReadPublicKey(wallet));
        using var store = _postgres is null
            ? WalletStore.OpenSqlite(storePath, address, TimeSpan.FromSeconds(30))
            : WalletStore.OpenPostgres(_postgres, address, _schema);
        IReadOnlyList<OutPoint> held = [];
        await Until(
            () =>
            {
                held = store.ListOutputsLeasedByOthers("observer", TimeProvider.System.GetUtcNow());
                return Settled(store) >= 10 && held.Count > 0;
            },
            () => $"10 settled and a coin leased by the worker; seen {Settled(store)} settled, {held.Count} leased; worker exited: {_worker.HasExited}");

        _worker.Kill(); // SIGKILL: no clean shutdown, its leases stay in the store
        await _worker.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(120));
        var killedAt = TimeProvider.System.GetTimestamp();
        held = store.ListOutputsLeasedByOthers("observer", TimeProvider.System.GetUtcNow());

        // The payments it left in flight are settled by a monitor (as any live process of the wallet runs one).
        using var key = WalletKeyFile.Load(wallet);
        using var monitor = new WalletMonitor(store, node, key, new WalletMonitorOptions
        {
            OutcomeMinAge = TimeSpan.Zero, ExpiryMargin = TimeSpan.FromSeconds(2), AbsentPayments = AbsentPaymentAction.Cancel,
        });
        var left = held.ToHashSet();
        await Until(
            async () =>
            {
                await monitor.RunOnceAsync();
                var now = TimeProvider.System.GetUtcNow();
                foreach (var coin in left.ToList())
                {
                    if (store.GetOutputLease(coin)?.Status == "spent" || store.TryClaimOutput(coin, Amount.FromUtia(1), "observer", now, now.AddMinutes(10)))
                    {
                        left.Remove(coin);
                    }
                }

                return left.Count == 0;
            },
            () => $"every coin the killed worker held claimable; still held: {string.Join(", ", left)}; {Describe(stderr)}");

        // Not a timed assertion: the bound is Until's; this only says how soon it was.
        Console.WriteLine($"{engine}: {held.Count} coins of the killed worker claimable {TimeProvider.System.GetElapsedTime(killedAt).TotalSeconds:0.0} s after the kill");
        held.Count.ShouldBeGreaterThan(0);
    }

    public void Dispose()
    {
        if (_worker is { HasExited: false })
        {
            _worker.Kill(entireProcessTree: true);
        }

        _worker?.Dispose();
        if (_postgres is not null)
        {
            TestPostgres.DropSchema(_postgres, _schema);
        }

        _home.Dispose();
    }

    private static int Settled(WalletStore store) => store.CountPayments().TryGetValue(PaymentState.Settled, out var n) ? n : 0;

    private static Task Until(Func<bool> condition, Func<string> what) => Until(() => Task.FromResult(condition()), what);

    private static async Task Until(Func<Task<bool>> condition, Func<string> what)
    {
        var start = TimeProvider.System.GetTimestamp();
        while (!await condition())
        {
            if (TimeProvider.System.GetElapsedTime(start) > TimeSpan.FromSeconds(120))
            {
                throw new TimeoutException("not reached within 120 s: " + what());
            }

            await Task.Delay(200);
        }
    }

    private static string Describe(Task<string> stderr) => stderr.IsCompletedSuccessfully ? stderr.Result : "(worker output not complete)";
}
