using System.Net;
using Fontana.Core;
using Fontana.Core.Crypto;
using Fontana.Sdk.Payments;
using Fontana.Sdk.Receipts;
using Fontana.Sdk.Tests.Support;
using Fontana.Sdk.Utxos;
using Xunit.Abstractions;

namespace Fontana.Sdk.Tests.Integration;

/// <summary>
/// Issue 6 end to end: real node (SQLite ledger), real Fontana.AspNetCore provider settling in process, real Kestrel,
/// one wallet, many concurrent paid calls through <see cref="PaymentHandler"/>.
/// </summary>
[Collection(IntegrationCollection.Name)]
public sealed class ConcurrentPaymentTests(ITestOutputHelper output)
{
    private static readonly ulong CallCost = LiveChain.Price.Utia + LiveChain.MinFee.Utia;

    [Fact]
    public async Task PaidCalls_WalletWithOnlyLargeOutputs_SplitHappensCallsSucceedLocksReleased()
    {
        var wallet = PrivateKey.Generate();
        var address = new Address(wallet.PublicKey);
        await using var chain = await LiveChain.StartAsync([new(address, Amount.FromTia(10)), new(address, Amount.FromTia(10))]);
        using var payer = chain.CreatePayer(wallet);
        using var http = LiveChain.PayingClient(payer);

        var responses = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => http.GetAsync(chain.Url("paid"))));

        responses.ShouldAllBe(r => r.StatusCode == HttpStatusCode.OK && r.GetFontanaReceipt()!.ReceiptVerified);
        await Eventually.TrueAsync(() => payer.IsIdle);
        payer.SplitCount.ShouldBeGreaterThanOrEqualTo(1);
        payer.LockedOutputs.ShouldBe(0);
        payer.WaitingCalls.ShouldBe(0);
        payer.Utxos.GetAll().ShouldAllBe(u => u.Status == UtxoStatus.Available);
        chain.InputSpentRejections.ShouldBe(0);
        var fees = (16 + (ulong)payer.SplitCount) * LiveChain.MinFee.Utia;
        (await chain.BalanceAsync(address)).ShouldBe(Amount.FromTia(20) - Amount.FromUtia((16 * LiveChain.Price.Utia) + fees));
        Dispose(responses);
    }

    [Fact]
    public async Task PaidCalls_OneCallFromLargeOutputs_PaysFromItDirectlyWithoutSplitting()
    {
        var wallet = PrivateKey.Generate();
        var address = new Address(wallet.PublicKey);
        await using var chain = await LiveChain.StartAsync([new(address, Amount.FromTia(10))]);
        using var payer = chain.CreatePayer(wallet);
        using var http = LiveChain.PayingClient(payer);

        using var response = await http.GetAsync(chain.Url("paid"));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        payer.SplitCount.ShouldBe(0);
        payer.Utxos.GetAll().Single().Amount.ShouldBe(Amount.FromTia(10) - Amount.FromUtia(CallCost));
    }

    [Fact]
    public async Task PaidCalls_ThousandConcurrentFundsSufficient_AllSucceedNoDoubleSpendBalancesExact()
    {
        const int calls = 1_000;
        var wallet = PrivateKey.Generate();
        var address = new Address(wallet.PublicKey);
        var initial = Amount.FromTia(100);
        await using var chain = await LiveChain.StartAsync([new(address, initial)]);
        var feeBefore = await chain.BalanceAsync(chain.FeeAddress);
        using var payer = chain.CreatePayer(wallet);
        using var http = LiveChain.PayingClient(payer);

        var responses = await Task.WhenAll(Enumerable.Range(0, calls).Select(_ => http.GetAsync(chain.Url("paid"))));

        responses.Count(r => r.StatusCode == HttpStatusCode.OK).ShouldBe(calls);
        await Eventually.TrueAsync(() => payer.IsIdle);
        responses.Select(r => r.GetFontanaReceipt()!.TxId).Distinct().Count().ShouldBe(calls);
        chain.InputSpentRejections.ShouldBe(0);
        payer.LockedOutputs.ShouldBe(0);
        var splits = (ulong)payer.SplitCount;
        output.WriteLine($"{calls} calls: {splits} splits, {payer.LockWait.Calls} calls waited {payer.LockWait.Total.TotalMilliseconds:0} ms in total");
        var fees = (calls + splits) * LiveChain.MinFee.Utia;
        (await chain.BalanceAsync(chain.PayTo)).ShouldBe(Amount.FromUtia(calls * LiveChain.Price.Utia));
        ((await chain.BalanceAsync(chain.FeeAddress)) - feeBefore).ShouldBe(Amount.FromUtia(fees));
        (await chain.BalanceAsync(address)).ShouldBe(initial - Amount.FromUtia((calls * LiveChain.Price.Utia) + fees));
        payer.AvailableFunds.ShouldBe(await chain.BalanceAsync(address));
        Dispose(responses);
    }

    [Fact]
    public async Task PaidCalls_ThousandConcurrentFundsShort_ExactlyTheAffordableSucceedRestInsufficientFunds()
    {
        const int calls = 1_000;
        var wallet = PrivateKey.Generate();
        var address = new Address(wallet.PublicKey);
        var initial = Amount.FromUtia((600 * CallCost) + 50);
        await using var chain = await LiveChain.StartAsync([new(address, initial)]);
        using var payer = chain.CreatePayer(wallet);
        using var http = LiveChain.PayingClient(payer);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, calls).Select(async _ =>
        {
            try
            {
                using var response = await http.GetAsync(chain.Url("paid"));
                return response.StatusCode == HttpStatusCode.OK ? "ok" : "status-" + (int)response.StatusCode;
            }
            catch (InsufficientFundsException)
            {
                return "insufficient";
            }
        }));

        await Eventually.TrueAsync(() => payer.IsIdle);

        // Affordable: whole calls in what is left after the split fees the SDK chose to pay (none here: the 50 utia
        // left over cannot pay a split's fee, so calls chain through change).
        var splitFees = (ulong)payer.SplitCount * LiveChain.MinFee.Utia;
        var affordable = (int)((initial.Utia - splitFees) / CallCost);
        output.WriteLine($"{affordable} affordable, {payer.SplitCount} splits");
        outcomes.Count(o => o == "ok").ShouldBe(affordable);
        outcomes.Count(o => o == "insufficient").ShouldBe(calls - affordable);
        chain.InputSpentRejections.ShouldBe(0);
        payer.LockedOutputs.ShouldBe(0);
        (await chain.BalanceAsync(chain.PayTo)).ShouldBe(Amount.FromUtia((ulong)affordable * LiveChain.Price.Utia));
        (await chain.BalanceAsync(address)).ShouldBe(initial - Amount.FromUtia(((ulong)affordable * CallCost) + splitFees));
    }

    private static void Dispose(IEnumerable<HttpResponseMessage> responses)
    {
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }
}
