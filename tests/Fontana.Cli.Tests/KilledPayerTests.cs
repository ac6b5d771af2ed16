using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Fontana.Core;
using Fontana.Sdk;
using Fontana.Sdk.Monitor;
using Fontana.Sdk.Store;
using Fontana.Sdk.Wallet;

namespace Fontana.Cli.Tests;

/// <summary>Issue 13: a process paying from a wallet with a store is killed (SIGKILL) with payments in flight; after
/// the restart the monitor ends every recorded payment as settled, refused or unproven — none stays pending — and the
/// provider received exactly the settled ones: nothing paid twice, nothing paid unrecorded. (The provider is a
/// Fontana.AspNetCore app settling through the devnet's facilitator, as a provider other than the node would.) On SQLite,
/// and on PostgreSQL (a schema of its own per test, dropped afterwards) when FONTANA_TEST_POSTGRES is set.</summary>
public sealed class KilledPayerTests : IDisposable
{
    private readonly TempDirectory _home = new("killed-payer");
    private readonly string _schema = "killed_payer_" + Guid.NewGuid().ToString("N")[..12];
    private Process? _worker;
    private string? _postgres;

    [Fact]
    public Task Worker_KilledMidPayment_RestartEndsEveryPaymentFinalProviderPaidExactlyTheSettled_Sqlite() => KilledMidPaymentAsync(postgres: null);

    [PostgresFact]
    public Task Worker_KilledMidPayment_RestartEndsEveryPaymentFinalProviderPaidExactlyTheSettled_Postgres() =>
        KilledMidPaymentAsync(SharedWalletProcessesTests.PostgresForTests());

    private async Task KilledMidPaymentAsync(string? postgres)
    {
        var wallet = _home.Combine("wallet.key");
        _postgres = postgres;
        var storePath = _postgres ?? _home.Combine("wallet.db");
        string[] schemaArgs = _postgres is null ? [] : ["--store-schema", _schema];
        await using var devnet = await DevnetProcess.StartAsync(_home.Path, _home.Combine("devnet"), wallet, FontanaProcess.FreePort());
        using var node = new FontanaClient(new Uri(devnet.Url));
        var (provider, payTo) = await PaidApiHost.StartAsync(devnet.Url, devnet.Started.GetProperty("chainId").GetString()!, app =>
            app.MapGet("/paid", () => "paid").RequirePayment("0.001 TIA"));
        await using var providerHost = provider;
        _worker = Process.Start(WithStdin(FontanaProcess.StartInfo(_home.Path,
        [
            "bench", "calls-worker", "--url", new Uri(provider.BaseAddress, "paid").ToString(), "--node", devnet.Url, "--wallet", wallet,
            "--store", storePath, .. schemaArgs, "--calls", "100000", "--concurrency", "4",
        ])))!;
        var stderr = _worker.StandardError.ReadToEndAsync();
        (await _worker.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(120))).ShouldBe("ready", Describe(stderr));
        await _worker.StandardInput.WriteLineAsync("go");
        await _worker.StandardInput.FlushAsync();

        var address = new Address(WalletKeyFile.ReadPublicKey(wallet));
        using (var watch = OpenStore(storePath, address))
        {
            // Mid-payment: enough settled to matter, and at least one signed but not yet answered.
            await Until(
                () => Count(watch, PaymentState.Settled) >= 20 && Count(watch, PaymentState.Pending) > 0,
                () => $"20 settled and one in flight; seen {string.Join(", ", watch.CountPayments())}; worker exited: {_worker.HasExited}; a refusal: {watch.ListPayments(PaymentState.Refused, 1).FirstOrDefault()?.Detail}; {Describe(stderr)}");
        }

        _worker.Kill(); // SIGKILL
        await _worker.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(120));

        using var store = OpenStore(storePath, address);
        using var key = WalletKeyFile.Load(wallet);
        var options = new WalletMonitorOptions
        {
            OutcomeMinAge = TimeSpan.Zero,
            ProofRetryDelay = TimeSpan.Zero,
            ExpiryMargin = TimeSpan.FromSeconds(2),
            MaxProofAttempts = 1000,
            AbsentPayments = AbsentPaymentAction.Cancel,
        };
        using var monitor = new WalletMonitor(store, node, key, options);
        await Until(
            async () =>
            {
                await monitor.RunOnceAsync();
                return Count(store, PaymentState.Pending) + Count(store, PaymentState.Unknown) == 0
                    && store.ListPayments(PaymentState.Settled, 100_000).All(p => p.FinalReceipt is not null);
            },
            "every payment final and every settled one proven");

        var payments = store.ListPayments(limit: 100_000);
        payments.ShouldAllBe(p => p.State == PaymentState.Settled || p.State == PaymentState.Refused || p.State == PaymentState.Unproven);
        var settled = payments.Where(p => p.State == PaymentState.Settled).ToList();
        settled.Count.ShouldBeGreaterThanOrEqualTo(20);
        foreach (var refused in payments.Where(p => p.State == PaymentState.Refused))
        {
            await Should.ThrowAsync<FontanaNotFoundException>(() => node.GetTransactionAsync(refused.TxId));
        }

        payments.ShouldAllBe(p => p.PayTo == payTo);
        var received = Amount.ParseUtia((await node.GetBalanceAsync(payTo)).Balance);
        received.ShouldBe(Amount.FromUtia(settled.Aggregate(0UL, (sum, p) => sum + p.Price.Utia)));
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

    private WalletStore OpenStore(string storePath, Address address) =>
        _postgres is null ? WalletStore.OpenSqlite(storePath, address, TimeSpan.FromSeconds(30)) : WalletStore.OpenPostgres(_postgres, address, _schema);

    private static ProcessStartInfo WithStdin(ProcessStartInfo info)
    {
        info.RedirectStandardInput = true;
        return info;
    }

    private static int Count(WalletStore store, PaymentState state) => store.CountPayments().TryGetValue(state, out var n) ? n : 0;

    private static Task Until(Func<bool> condition, Func<string> what) => Until(() => Task.FromResult(condition()), what);

    private static Task Until(Func<Task<bool>> condition, string what) => Until(condition, () => what);

    private static async Task Until(Func<Task<bool>> condition, Func<string> what)
    {
        var start = TimeProvider.System.GetTimestamp();
        while (!await condition())
        {
            if (TimeProvider.System.GetElapsedTime(start) > TimeSpan.FromSeconds(180))
            {
                throw new TimeoutException("not reached within 180 s: " + what());
            }

            await Task.Delay(100);
        }
    }

    private static string Describe(Task<string> stderr) => stderr.IsCompletedSuccessfully ? stderr.Result : "(worker still running)";
}
