using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Fontana.Bridge;
using Fontana.Bridge.Simulator;
using Fontana.Core;
using Fontana.Core.Api;
using Fontana.Core.Bridge;
using Fontana.Core.Crypto;
using Fontana.Core.Encoding;
using Fontana.Core.Transactions;
using Fontana.Ledger.Genesis;
using Fontana.Node.Chain;
using Fontana.Node.Tests.Support;
using Xunit.Abstractions;

namespace Fontana.Node.Tests.Bridge;

/// <summary>
/// The bridge daemons killed with SIGKILL at every step and restarted: a real <c>fontana node</c> child process
/// (<see cref="BridgeNodeProcess"/>) kills itself at the armed <see cref="BridgeCrashPoints"/> step, then a fresh one is
/// started on the same data dir. The L1 simulator lives in the test process, so the L1 outlives every crash. After the
/// restart has settled everything (and run more passes), the dead node's ledger file and the simulator's transfers are
/// audited: each deposit minted exactly once (by L1 key), each withdrawal paid exactly once on L1 and confirmed once on
/// the ledger, rollup supply = genesis + deposits − withdrawals, vault on L1 = deposits − payouts.
/// </summary>
public sealed class BridgeCrashTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string AuthToken = "bridge-crash-token";
    private const string ChainId = "fontana-bridge-crash";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);
    private static readonly Amount Allocation = Amount.FromTia(10);
    private static readonly Amount MinFee = Amount.FromUtia(100);
    private static readonly CelestiaAddress Vault = CelestiaAddress.FromBytes(Enumerable.Repeat((byte)0xC1, 20).ToArray());
    private static readonly CelestiaAddress Faucet = CelestiaAddress.FromBytes(Enumerable.Repeat((byte)0xF1, 20).ToArray());

    private readonly TempDir _dir = new();
    private readonly PrivateKey _owner = PrivateKey.Generate();
    private readonly List<BridgeNodeProcess> _children = [];
    private L1Simulator _l1 = null!;
    private GenesisDocument _genesis = null!;

    public async Task InitializeAsync()
    {
        // Blocks every 100 ms: confirmations accrue and a payout's mempool window passes as on a real chain.
        _l1 = await L1Simulator.StartAsync(new L1SimulatorOptions { Vault = Vault, AuthToken = AuthToken, BlockTime = TimeSpan.FromMilliseconds(100) });
        _l1.Fund(Faucet, 1_000_000_000_000);
        _genesis = await ChainSetup.CreateAsync(_dir.Path, ChainId,
            [new GenesisAllocation(new Address(_owner.PublicKey), Allocation), new GenesisAllocation(new Address(_owner.PublicKey), Allocation)],
            TimeSpan.FromSeconds(6), MinFee, TimeProvider.System);
    }

    public async Task DisposeAsync()
    {
        foreach (var child in _children)
        {
            await child.DisposeAsync(); // SIGKILL, even when the test failed
            output.WriteLine($"--- node process {_children.IndexOf(child)}:\n{child.Output}");
        }

        await _l1.DisposeAsync();
        _owner.Dispose();
        _dir.Dispose();
    }

    [Theory]
    [InlineData(BridgeCrashPoints.DepositBeforeRecordSeen)]
    [InlineData(BridgeCrashPoints.DepositBeforeMint)]
    [InlineData(BridgeCrashPoints.DepositAfterMint)]
    [InlineData(BridgeCrashPoints.DepositAfterRecordMinted)]
    public async Task DepositWatcher_KilledAtStep_RestartedMintsEachDepositOnce(string point)
    {
        var deposits = SendDeposits();

        await CrashAtAsync(point);
        var node = await StartAsync(crashAt: null);
        await node.WaitReadyAsync(Patience);
        foreach (var d in deposits)
        {
            await WaitForDepositAsync(node, d.L1TxHash, "minted");
        }

        await WaitForMorePassesAsync(node);
        await node.KillAsync();

        await AuditAsync(deposits, []);
    }

    [Theory]
    [InlineData(BridgeCrashPoints.WithdrawalBeforeRecordIntent)]
    [InlineData(BridgeCrashPoints.WithdrawalBeforeSend)]
    [InlineData(BridgeCrashPoints.WithdrawalAfterSend)]
    [InlineData(BridgeCrashPoints.WithdrawalBeforeConfirm)]
    [InlineData(BridgeCrashPoints.WithdrawalAfterConfirm)]
    [InlineData(BridgeCrashPoints.WithdrawalAfterRecordConfirmed)]
    public async Task WithdrawalProcessor_KilledAtStep_RestartedPaysEachWithdrawalOnce(string point)
    {
        var deposits = SendDeposits(); // the vault's funds
        var withdrawals = new[] { Withdrawal(0), Withdrawal(1) };

        var crashing = await StartAsync(point);
        await crashing.WaitReadyAsync(Patience);
        await SubmitAsync(crashing, withdrawals[0].Tx);
        await SubmitAsync(crashing, withdrawals[1].Tx, mayBeDead: true); // the first one may already have crashed it

        await ShouldCrashAtAsync(crashing, point);
        var node = await StartAsync(crashAt: null);
        await node.WaitReadyAsync(Patience);
        foreach (var w in withdrawals)
        {
            await SubmitAsync(node, w.Tx); // idempotent: the same receipt when it was applied before the crash
            await WaitForWithdrawalAsync(node, w.Tx.TxId, "confirmed");
        }

        foreach (var d in deposits)
        {
            await WaitForDepositAsync(node, d.L1TxHash, "minted");
        }

        await WaitForMorePassesAsync(node);
        await node.KillAsync();

        await AuditAsync(deposits, withdrawals);
    }

    private static async Task SubmitAsync(BridgeNodeProcess node, Transaction tx, bool mayBeDead = false)
    {
        try
        {
            using var submitted = await node.Http.PostAsJsonAsync("v1/transactions",
                new SubmitTransactionRequest(Convert.ToBase64String(TransactionCodec.Encode(tx))), ApiJsonContext.Default.SubmitTransactionRequest);
            submitted.StatusCode.ShouldBe(HttpStatusCode.OK, await submitted.Content.ReadAsStringAsync());
        }
        catch (HttpRequestException) when (mayBeDead)
        {
            // Killed at its crash point meanwhile; submitted again after the restart.
        }
    }

    private async Task CrashAtAsync(string point) => await ShouldCrashAtAsync(await StartAsync(point), point);

    private static async Task ShouldCrashAtAsync(BridgeNodeProcess child, string point)
    {
        var exit = await child.WaitForExitAsync(Patience);
        exit.ShouldBe(BridgeNodeProcess.SigKillExitCode, $"the node should kill itself (SIGKILL) at {point}:\n{child.Output}");
        child.Output.ShouldContain($"at {point}");
    }

    private Task<BridgeNodeProcess> StartAsync(string? crashAt)
    {
        var child = BridgeNodeProcess.Start(_dir.Path, _l1, Vault.Text, AuthToken, crashAt);
        _children.Add(child);
        return Task.FromResult(child);
    }

    /// <summary>Two deposits on L1 (to fresh Fontana addresses, distinct amounts) before any node runs.</summary>
    private List<SentDeposit> SendDeposits()
    {
        var sent = new List<SentDeposit>();
        foreach (var utia in new ulong[] { 15_000_001, 16_000_002 })
        {
            using var key = PrivateKey.Generate();
            var to = new Address(key.PublicKey);
            sent.Add(new SentDeposit(_l1.SendWithMemo(Faucet, Vault, utia, to.ToString()), to, utia));
        }

        return sent;
    }

    /// <summary>Burns genesis allocation <paramref name="allocation"/> (10 TIA less the fee) to a fresh L1 payee.</summary>
    private PlannedWithdrawal Withdrawal(int allocation)
    {
        var payee = CelestiaAddress.FromBytes(Enumerable.Repeat((byte)(0x40 + allocation), 20).ToArray());
        var tx = new TransactionBuilder(ChainId, TransactionKind.Withdrawal)
            .AddInput(_genesis.AllocationOutPoint(allocation)).WithFee(MinFee).WithExternalRef(payee.Text).Sign(_owner);
        return new PlannedWithdrawal(tx, payee, (Allocation - MinFee).Utia);
    }

    private async Task AuditAsync(IReadOnlyList<SentDeposit> deposits, IReadOnlyList<PlannedWithdrawal> withdrawals)
    {
        var ledger = await LedgerAudit.ReadAsync(Path.Combine(_dir.Path, "ledger.db"));

        // Each deposit minted exactly once, keyed by L1 tx hash and message index; nothing else minted.
        ledger.MintsByKey.OrderBy(m => m.Key, StringComparer.Ordinal).Select(m => $"{m.Key} minted {m.Value}x")
            .ShouldBe(deposits.Select(d => $"{d.L1TxHash}:0 minted 1x").Order(StringComparer.Ordinal));

        // Each withdrawal paid exactly once on L1 (the simulator's ledger of vault transfers) and confirmed once.
        var payouts = _l1.TransfersFrom(Vault);
        payouts.Count.ShouldBe(withdrawals.Count, string.Join(", ", payouts));
        foreach (var w in withdrawals)
        {
            payouts.Count(p => p.To == w.Payee.Text && p.Utia == w.Utia).ShouldBe(1, $"payouts to {w.Payee}");
            _l1.BalanceOf(w.Payee).ShouldBe(w.Utia);
            ledger.ConfirmationsByWithdrawal.GetValueOrDefault(w.Tx.TxId.ToString()).ShouldBe(1, $"confirmations of {w.Tx.TxId}");
        }

        ledger.ConfirmationsByWithdrawal.Count.ShouldBe(withdrawals.Count);

        // Value conservation on both sides.
        var deposited = deposits.Aggregate(0UL, (sum, d) => sum + d.Utia);
        var withdrawn = withdrawals.Aggregate(0UL, (sum, w) => sum + w.Utia);
        var paidOut = payouts.Aggregate(0UL, (sum, p) => sum + p.Utia);
        ledger.Supply.Utia.ShouldBe(_genesis.TotalAllocated.Utia + deposited - withdrawn, "rollup supply = genesis + deposits − withdrawals");
        _l1.BalanceOf(Vault).ShouldBe(deposited - paidOut, "vault on L1 = deposits − payouts");
    }

    private static async Task WaitForDepositAsync(BridgeNodeProcess node, string l1TxHash, string status)
    {
        await Wait.UntilAsync(
            async () =>
            {
                using var response = await node.Http.GetAsync($"v1/deposits/{l1TxHash}");
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    return false;
                }

                return (await response.Content.ReadFromJsonAsync(ApiJsonContext.Default.DepositStatusListDto))!.Deposits.Single().Status == status;
            },
            Patience, $"deposit {l1TxHash} {status}");
    }

    private static async Task WaitForWithdrawalAsync(BridgeNodeProcess node, Hash32 txId, string status)
    {
        await Wait.UntilAsync(
            async () => (await node.Http.GetFromJsonAsync($"v1/withdrawals/{txId}", ApiJsonContext.Default.WithdrawalStatusDto))!.Status == status,
            Patience, $"withdrawal {txId} {status}");
    }

    /// <summary>Waits until both bridge daemons have completed a pass that started after everything settled (their
    /// heartbeat, in whole unix seconds, two seconds past its value now), so a late second mint or payout would show.</summary>
    private static async Task WaitForMorePassesAsync(BridgeNodeProcess node)
    {
        foreach (var daemon in new[] { "bridge-deposit-watcher", "bridge-withdrawal-processor" })
        {
            var start = await HeartbeatAsync(node, daemon);
            await Wait.UntilAsync(async () => await HeartbeatAsync(node, daemon) >= start + 2, Patience, $"two more seconds of {daemon} passes");
        }
    }

    private static async Task<double> HeartbeatAsync(BridgeNodeProcess node, string daemon)
    {
        var text = await node.Http.GetStringAsync("metrics");
        var line = text.Split('\n').FirstOrDefault(l =>
            l.StartsWith("fontana_daemon_heartbeat_timestamp_seconds{", StringComparison.Ordinal) && l.Contains($"daemon=\"{daemon}\"", StringComparison.Ordinal));
        return line is null ? 0 : double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
    }

    private sealed record SentDeposit(string L1TxHash, Address To, ulong Utia);

    private sealed record PlannedWithdrawal(Transaction Tx, CelestiaAddress Payee, ulong Utia);
}
