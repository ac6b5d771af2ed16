using Fontana.Core;
using Fontana.Core.Crypto;
using Fontana.Core.Encoding;
using Fontana.Core.Transactions;
using Fontana.Sdk.Receipts;
using Fontana.Sdk.Tests.Support;

namespace Fontana.Sdk.Tests;

public sealed class FontanaClientTests : IAsyncLifetime
{
    private readonly PrivateKey _wallet = PrivateKey.Generate();
    private InTestNode _node = null!;
    private FontanaClient _client = null!;

    private Address Wallet => new(_wallet.PublicKey);

    public async Task InitializeAsync()
    {
        _node = await InTestNode.StartAsync();
        _client = _node.CreateClient();
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _node.DisposeAsync();
    }

    [Fact]
    public async Task GetInfoAsync_InTestNode_ReturnsChainParameters()
    {
        var info = await _client.GetInfoAsync();
        info.ChainId.ShouldBe(InTestLedger.ChainId);
        info.Network.ShouldBe("fontana:" + InTestLedger.ChainId);
        info.MinFee.ShouldBe("100");
        info.SequencerPublicKey.ShouldBe(_node.Ledger.Sequencer.PublicKey.ToString());
    }

    [Fact]
    public async Task GetUtxosAndBalance_FundedWallet_ListsOutputs()
    {
        var op = _node.Ledger.Fund(Wallet, Amount.FromUtia(5_000));
        _node.Ledger.Fund(Wallet, Amount.FromUtia(7_000));

        var utxos = await _client.GetUtxosAsync(Wallet);
        var balance = await _client.GetBalanceAsync(Wallet);
        var status = await _client.GetUtxoAsync(op);

        utxos.Utxos.Count.ShouldBe(2);
        balance.Balance.ShouldBe("12000");
        status.Status.ShouldBe("unspent");
    }

    [Fact]
    public async Task SubmitTransactionAsync_Valid_ReturnsReceiptSignedBySequencer()
    {
        var op = _node.Ledger.Fund(Wallet, Amount.FromUtia(5_000));
        var tx = Transfer(op, 4_900);

        var receipt = await _client.SubmitTransactionAsync(TransactionCodec.Encode(tx));

        receipt.TxId.ShouldBe(tx.TxId.ToString());
        ReceiptVerifier.VerifyProvisional(receipt, InTestLedger.ChainId, _node.Ledger.Sequencer.PublicKey).ShouldBeTrue();
        ReceiptVerifier.VerifyProvisional(receipt, InTestLedger.ChainId, PrivateKey.Generate().PublicKey).ShouldBeFalse();
        (await _client.GetTransactionAsync(tx.TxId)).Receipt.ShouldBe(receipt);
    }

    [Fact]
    public async Task SubmitTransactionAsync_DoubleSpend_ThrowsInputSpentWithCodeAndStatus()
    {
        var op = _node.Ledger.Fund(Wallet, Amount.FromUtia(5_000));
        await _client.SubmitTransactionAsync(TransactionCodec.Encode(Transfer(op, 4_900)));

        var ex = await Should.ThrowAsync<InputSpentException>(() => _client.SubmitTransactionAsync(TransactionCodec.Encode(Transfer(op, 4_800))));

        ex.Code.ShouldBe("input-spent");
        ex.Status.ShouldBe(409);
        ex.ShouldBeAssignableTo<TransactionRejectedException>();
    }

    [Fact]
    public async Task SubmitTransactionAsync_FeeTooLow_ThrowsRejectedWithLedgerCode()
    {
        var op = _node.Ledger.Fund(Wallet, Amount.FromUtia(5_000));
        var ex = await Should.ThrowAsync<TransactionRejectedException>(() => _client.SubmitTransactionAsync(TransactionCodec.Encode(Transfer(op, 4_999))));
        ex.Code.ShouldBe("fee-too-low");
        ex.Status.ShouldBe(422);
    }

    [Fact]
    public async Task GetTransactionAsync_Unknown_ThrowsNotFound()
    {
        var ex = await Should.ThrowAsync<FontanaNotFoundException>(() => _client.GetTransactionAsync(Hash32.Compute([1, 2, 3])));
        ex.Code.ShouldBe("not-found");
    }

    [Fact]
    public async Task AnyCall_NodeDown_ThrowsNodeUnreachable()
    {
        using var client = new FontanaClient(new Uri("http://127.0.0.1:1/"));
        var ex = await Should.ThrowAsync<FontanaApiException>(() => client.GetInfoAsync());
        ex.Code.ShouldBe("node-unreachable");
        ex.Status.ShouldBe(0);
    }

    private Transaction Transfer(OutPoint input, ulong amount) =>
        new TransactionBuilder(InTestLedger.ChainId)
            .AddInput(input)
            .AddOutput(new Address(PrivateKey.Generate().PublicKey), Amount.FromUtia(amount))
            .WithFee(Amount.FromUtia(5_000 - amount))
            .Sign(_wallet);
}
