using Fontana.AspNetCore.Tests.Support;
using Fontana.Core;
using Fontana.Core.Encoding;
using Fontana.Core.Transactions;
using Fontana.Node.X402;

namespace Fontana.AspNetCore.Tests.Settlement;

/// <summary>In-process settlement hands the decoded transaction to the ledger, which still checks every rule on it.</summary>
public sealed class LedgerPaymentLedgerTests : IAsyncLifetime
{
    private TestChain _chain = null!;

    public async Task InitializeAsync() => _chain = await TestChain.StartAsync(payerCount: 2);

    public async Task DisposeAsync() => await _chain.DisposeAsync();

    [Fact]
    public async Task SubmitDecodedAsync_VerifiedPayment_SettlesWithReceipt()
    {
        var tx = Payment(0);
        tx.VerifySignature().ShouldBeTrue();

        var outcome = await new LedgerPaymentLedger(() => _chain.Ledger).SubmitDecodedAsync(tx, TransactionCodec.Encode(tx), CancellationToken.None);

        outcome.Success.ShouldBeTrue(outcome.Detail);
        outcome.Receipt!.TxId.ShouldBe(tx.TxId.ToString());
    }

    [Fact]
    public async Task SubmitDecodedAsync_ForgedSignatureNeverVerified_LedgerRefusesItAndNothingMoves()
    {
        var genuine = Payment(0);
        var bytes = TransactionCodec.Encode(genuine);
        bytes[^1] ^= 1;
        var forged = TransactionCodec.Decode(bytes);

        var outcome = await new LedgerPaymentLedger(() => _chain.Ledger).SubmitDecodedAsync(forged, bytes, CancellationToken.None);

        outcome.Success.ShouldBeFalse();
        outcome.ErrorReason.ShouldBe("bad-signature");
        (await _chain.Ledger.GetUtxoStatusAsync(_chain.CoinOf(0))).State.ShouldBe(Fontana.Ledger.UtxoState.Unspent);
    }

    private Transaction Payment(int payer) => new TransactionBuilder(TestChain.ChainId)
        .AddInput(_chain.CoinOf(payer))
        .AddOutput(_chain.ProviderAddress, Amount.FromUtia(1000))
        .AddOutput(_chain.AddressOf(payer), TestChain.CoinAmount - Amount.FromUtia(1000) - TestChain.MinFee)
        .WithFee(TestChain.MinFee)
        .Sign(_chain.Payers[payer]);
}
