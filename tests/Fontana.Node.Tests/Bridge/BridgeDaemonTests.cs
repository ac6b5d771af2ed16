using System.Net;
using System.Net.Http.Json;
using Fontana.Core;
using Fontana.Core.Api;
using Fontana.Core.Bridge;
using Fontana.Core.Crypto;
using Fontana.Core.Errors;
using Fontana.Core.Transactions;
using Fontana.Node.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Fontana.Node.Tests.Bridge;

/// <summary>The node's deposit watcher and withdrawal processor against the L1 simulator, seen through the public
/// status endpoints.</summary>
public sealed class BridgeDaemonTests
{
    [Fact]
    public async Task Deposit_WithFontanaMemo_SeenThenMintedOnceAfterConfirmations()
    {
        await using var bridge = await BridgeNode.StartAsync(confirmations: 3);
        using var user = PrivateKey.Generate();
        var address = new Address(user.PublicKey);

        var hash = bridge.L1.SendWithMemo(BridgeNode.Faucet, BridgeNode.Vault, 5_000_000, address.ToString());

        var seen = await WaitForDepositAsync(bridge, hash, d => d.Status == "seen");
        seen.Confirmations.ShouldBeLessThan(3);
        seen.RequiredConfirmations.ShouldBe(3);
        (await BalanceAsync(bridge, address)).ShouldBe("0");
        bridge.L1.ProduceBlocks(2);
        var minted = await WaitForDepositAsync(bridge, hash, d => d.Status == "minted");
        minted.MintTxId.ShouldNotBeNull();
        minted.Amount.ShouldBe("5000000");
        bridge.L1.ProduceBlocks(5); // more passes over the same transfer mint nothing more
        var watcher = bridge.Node.Host.Services.GetRequiredService<Fontana.Node.Bridge.DepositWatcher>();
        var beat = watcher.LastHeartbeat;
        await Wait.UntilAsync(() => watcher.LastHeartbeat > beat, BridgeNode.Patience, "another watcher pass");
        beat = watcher.LastHeartbeat;
        await Wait.UntilAsync(() => watcher.LastHeartbeat > beat, BridgeNode.Patience, "another watcher pass");
        (await BalanceAsync(bridge, address)).ShouldBe("5000000");
    }

    [Fact]
    public async Task Deposit_WithBadMemo_UnclaimedNeverMinted()
    {
        await using var bridge = await BridgeNode.StartAsync(confirmations: 1);

        var hash = bridge.L1.SendWithMemo(BridgeNode.Faucet, BridgeNode.Vault, 700, "not an address");

        var unclaimed = await WaitForDepositAsync(bridge, hash, d => d.Status == "unclaimed");
        unclaimed.MintTxId.ShouldBeNull();
        unclaimed.Reason!.ShouldContain("memo");
        unclaimed.From.ShouldBe(BridgeNode.Faucet.Text);
    }

    [Fact]
    public async Task Withdrawal_PostedToDa_PaidOnceOnL1AndConfirmed()
    {
        await using var bridge = await BridgeNode.StartAsync(vaultUtia: 100_000_000);
        var node = bridge.Node;
        var tx = Withdraw(node, 0, BridgeNode.Payee.Text);

        (await Submit(node, tx)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var status = await WaitForWithdrawalAsync(bridge, tx.TxId, w => w.Status == "confirmed");
        var amount = TestNode.AllocationAmount.Utia - TestNode.MinFee.Utia;
        status.Amount.ShouldBe(amount.ToString(System.Globalization.CultureInfo.InvariantCulture));
        status.L1TxHash.ShouldNotBeNull();
        status.ConfirmationTxId.ShouldNotBeNull();
        status.CreatedAt.ShouldNotBeNull();
        bridge.L1.BalanceOf(BridgeNode.Payee).ShouldBe(amount);
        bridge.L1.TransfersFrom(BridgeNode.Vault).Count.ShouldBe(1);
        bridge.L1.BalanceOf(BridgeNode.Vault).ShouldBe(100_000_000 - amount);
        var block = (await node.Ledger.GetTransactionAsync(tx.TxId))!;
        block.Status.ShouldBe(Fontana.Ledger.TransactionStatus.Posted); // paid only after its block was posted
    }

    [Fact]
    public async Task Withdrawal_VaultShort_StaysPendingWithAlertThenPaidInOrder()
    {
        await using var bridge = await BridgeNode.StartAsync(vaultUtia: 0);
        var node = bridge.Node;
        var first = Withdraw(node, 0, BridgeNode.Payee.Text);
        var second = Withdraw(node, 1, BridgeNode.Payee.Text);
        (await Submit(node, first)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Submit(node, second)).StatusCode.ShouldBe(HttpStatusCode.OK);

        await Wait.UntilAsync(() => bridge.Metrics.VaultLow == 1, BridgeNode.Patience, "the low-vault alert");
        (await GetWithdrawalAsync(bridge, first.TxId)).Status.ShouldBe("pending");
        bridge.L1.SendWithMemo(BridgeNode.Faucet, BridgeNode.Vault, 50_000_000, "refill");
        bridge.L1.ProduceBlocks(1);

        await WaitForWithdrawalAsync(bridge, second.TxId, w => w.Status == "confirmed");
        (await GetWithdrawalAsync(bridge, first.TxId)).Status.ShouldBe("confirmed");
        var payouts = bridge.L1.TransfersFrom(BridgeNode.Vault);
        payouts.Count.ShouldBe(2);
        payouts[0].Hash.ShouldBe((await GetWithdrawalAsync(bridge, first.TxId)).L1TxHash); // in order
        await Wait.UntilAsync(() => bridge.Metrics.VaultLow == 0, BridgeNode.Patience, "the low-vault alert to clear");
    }

    [Fact]
    public async Task L1Unreachable_AlertRaisedNoLossThenCaughtUpInOrder()
    {
        await using var bridge = await BridgeNode.StartAsync(confirmations: 1);
        using var user = PrivateKey.Generate();
        var address = new Address(user.PublicKey);
        bridge.L1.Options.Down = true;
        var hashes = new[]
        {
            bridge.L1.SendWithMemo(BridgeNode.Faucet, BridgeNode.Vault, 1_000, address.ToString()),
            bridge.L1.SendWithMemo(BridgeNode.Faucet, BridgeNode.Vault, 2_000, address.ToString()),
        };

        await Wait.UntilAsync(() => bridge.Metrics.L1Alert == 1, BridgeNode.Patience, "the L1 alert");
        (await bridge.Node.Http.GetAsync($"v1/deposits/{hashes[0]}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        bridge.L1.Options.Down = false;

        var minted = new List<DepositStatusDto>();
        foreach (var hash in hashes)
        {
            minted.Add(await WaitForDepositAsync(bridge, hash, d => d.Status == "minted"));
        }

        (await BalanceAsync(bridge, address)).ShouldBe("3000");
        var seqs = new List<ulong>();
        foreach (var d in minted)
        {
            seqs.Add((await bridge.Node.Ledger.GetTransactionAsync(Hash32.Parse(d.MintTxId!)))!.Receipt!.Sequence);
        }

        seqs.ShouldBeInOrder(); // L1 order
        await Wait.UntilAsync(() => bridge.Metrics.L1Alert == 0, BridgeNode.Patience, "the L1 alert to clear");
    }

    [Fact]
    public async Task L1Unreachable_WithdrawalsStayPendingWithAlert_ThenPaidOnceInOrder()
    {
        await using var bridge = await BridgeNode.StartAsync(vaultUtia: 100_000_000);
        var node = bridge.Node;
        var otherPayee = CelestiaAddress.FromBytes(Enumerable.Repeat((byte)0x34, 20).ToArray());
        bridge.L1.Options.Down = true;
        var first = Withdraw(node, 0, BridgeNode.Payee.Text);
        var second = Withdraw(node, 1, otherPayee.Text);
        (await Submit(node, first)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Submit(node, second)).StatusCode.ShouldBe(HttpStatusCode.OK);

        // Both burns are posted to DA, so the processor is trying them — and failing, over and over, while the L1 is down.
        await Wait.UntilAsync(async () => (await node.Ledger.GetTransactionAsync(second.TxId))!.Status == Fontana.Ledger.TransactionStatus.Posted,
            BridgeNode.Patience, "the withdrawals' block posted to DA");
        var processor = node.Host.Services.GetRequiredService<Fontana.Node.Bridge.WithdrawalProcessor>();
        var failuresBefore = processor.ConsecutiveFailures;
        await Wait.UntilAsync(() => processor.ConsecutiveFailures >= Math.Max(failuresBefore + 2, Fontana.Node.Bridge.BridgeAlerts.AlertAfterFailures),
            BridgeNode.Patience, "the processor failing on the posted withdrawals against the L1 outage");
        bridge.Metrics.L1Alert.ShouldBe(1);
        (await GetWithdrawalAsync(bridge, first.TxId)).Status.ShouldBe("pending");
        (await GetWithdrawalAsync(bridge, second.TxId)).Status.ShouldBe("pending");
        bridge.L1.TransfersFrom(BridgeNode.Vault).ShouldBeEmpty();

        bridge.L1.Options.Down = false;

        var paidSecond = await WaitForWithdrawalAsync(bridge, second.TxId, w => w.Status == "confirmed");
        var paidFirst = await GetWithdrawalAsync(bridge, first.TxId);
        paidFirst.Status.ShouldBe("confirmed");
        var payouts = bridge.L1.TransfersFrom(BridgeNode.Vault);
        payouts.Select(p => p.Hash).ShouldBe([paidFirst.L1TxHash!, paidSecond.L1TxHash!]); // once each, in burn order
        payouts.Select(p => p.To).ShouldBe([BridgeNode.Payee.Text, otherPayee.Text]);
        await Wait.UntilAsync(() => bridge.Metrics.L1Alert == 0, BridgeNode.Patience, "the L1 alert to clear");
    }

    [Fact]
    public async Task StatusEndpoints_UnknownIds_404WithCodes()
    {
        await using var node = await TestNode.StartAsync();

        await (await node.Http.GetAsync($"v1/withdrawals/{Hash32.Compute("x"u8)}")).ShouldBeProblemAsync(HttpStatusCode.NotFound, ErrorCodes.UnknownWithdrawal);
        await (await node.Http.GetAsync("v1/deposits/ABCDEF")).ShouldBeProblemAsync(HttpStatusCode.NotFound, ErrorCodes.UnknownDeposit);
        await (await node.Http.GetAsync("v1/withdrawals/nothex")).ShouldBeProblemAsync(HttpStatusCode.BadRequest, ErrorCodes.BadTxId);
        var info = await node.Http.GetFromJsonAsync("v1/bridge-info", ApiJsonContext.Default.BridgeInfoDto);
        info!.Enabled.ShouldBeFalse();
    }

    [Fact]
    public async Task Withdrawal_WithoutBridgeDaemons_PendingIsPublic()
    {
        await using var node = await TestNode.StartAsync();
        var tx = Withdraw(node, 0, BridgeNode.Payee.Text);
        (await Submit(node, tx)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var status = await node.Http.GetFromJsonAsync($"v1/withdrawals/{tx.TxId}", ApiJsonContext.Default.WithdrawalStatusDto);
        status!.Status.ShouldBe("pending");
        status.L1Address.ShouldBe(BridgeNode.Payee.Text);
        status.CreatedAt.ShouldNotBeNull();
        var mine = await node.Http.GetFromJsonAsync($"v1/withdrawals?address={node.OwnerAddress}", ApiJsonContext.Default.WithdrawalStatusListDto);
        mine!.Withdrawals.Select(w => w.TxId).ShouldBe([tx.TxId.ToString()]);
        var others = await node.Http.GetFromJsonAsync($"v1/withdrawals?address={new Address(PrivateKey.Generate().PublicKey)}", ApiJsonContext.Default.WithdrawalStatusListDto);
        others!.Withdrawals.ShouldBeEmpty();
    }

    internal static Transaction Withdraw(TestNode node, int allocation, string l1Address) =>
        new TransactionBuilder(TestNode.ChainId, TransactionKind.Withdrawal)
            .AddInput(node.Genesis.AllocationOutPoint(allocation)).WithFee(TestNode.MinFee).WithExternalRef(l1Address).Sign(node.Owner);

    internal static Task<HttpResponseMessage> Submit(TestNode node, Transaction tx) =>
        node.Http.PostAsJsonAsync("v1/transactions", new SubmitTransactionRequest(TestNode.Base64(tx)), ApiJsonContext.Default.SubmitTransactionRequest);

    private static async Task<string> BalanceAsync(BridgeNode bridge, Address address) =>
        (await bridge.Node.Http.GetFromJsonAsync($"v1/addresses/{address}/balance", ApiJsonContext.Default.BalanceDto))!.Balance;

    private static async Task<WithdrawalStatusDto> GetWithdrawalAsync(BridgeNode bridge, Hash32 txId) =>
        (await bridge.Node.Http.GetFromJsonAsync($"v1/withdrawals/{txId}", ApiJsonContext.Default.WithdrawalStatusDto))!;

    private static async Task<WithdrawalStatusDto> WaitForWithdrawalAsync(BridgeNode bridge, Hash32 txId, Func<WithdrawalStatusDto, bool> done)
    {
        WithdrawalStatusDto? last = null;
        await Wait.UntilAsync(async () => done(last = await GetWithdrawalAsync(bridge, txId)), BridgeNode.Patience, $"withdrawal {txId}");
        return last!;
    }

    private static async Task<DepositStatusDto> WaitForDepositAsync(BridgeNode bridge, string hash, Func<DepositStatusDto, bool> done)
    {
        DepositStatusDto? last = null;
        await Wait.UntilAsync(
            async () =>
            {
                var response = await bridge.Node.Http.GetAsync($"v1/deposits/{hash}");
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    return false;
                }

                last = (await response.Content.ReadFromJsonAsync(ApiJsonContext.Default.DepositStatusListDto))!.Deposits.Single();
                return done(last);
            },
            BridgeNode.Patience, $"deposit {hash}");
        return last!;
    }
}
