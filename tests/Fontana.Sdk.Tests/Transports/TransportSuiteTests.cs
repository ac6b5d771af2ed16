using Fontana.Core;
using Fontana.Core.Api;
using Fontana.Core.Crypto;
using Fontana.Core.Encoding;
using Fontana.Core.Transactions;
using Fontana.Sdk.Payments;
using Fontana.Sdk.Tests.Integration;
using Fontana.Sdk.Tests.Support;

namespace Fontana.Sdk.Tests.Transports;

/// <summary>The node client's behaviour, identical over HTTP, WebSocket and in-process transports, against a real node.</summary>
[Collection(IntegrationCollection.Name)]
public sealed class TransportSuiteTests
{
    private readonly PrivateKey _wallet = PrivateKey.Generate();
    private readonly PrivateKey _other = PrivateKey.Generate();

    private Address Wallet => new(_wallet.PublicKey);

    [Theory]
    [MemberData(nameof(TransportKinds.All), MemberType = typeof(TransportKinds))]
    public async Task ReadsAndSubmit_EveryTransport_SameAnswers(string kind)
    {
        await using var chain = await LiveChain.StartAsync([new(Wallet, Amount.FromTia(1))]);
        using var client = new FontanaClient(TransportKinds.Create(kind, chain), ownsTransport: true);

        var info = await client.GetInfoAsync();
        info.ChainId.ShouldBe(LiveChain.ChainId);
        (await client.GetBalanceAsync(Wallet)).Balance.ShouldBe("1000000");
        var coin = (await client.GetUtxosAsync(Wallet)).Utxos.ShouldHaveSingleItem();

        var tx = Transfer(OutPoint.Parse(coin.OutPoint), Amount.FromTia(1), new Address(_other.PublicKey));
        var receipt = await client.SubmitTransactionAsync(TransactionCodec.Encode(tx));
        receipt.TxId.ShouldBe(tx.TxId.ToString());
        var again = await client.SubmitTransactionAsync(TransactionCodec.Encode(tx));
        again.TxId.ShouldBe(receipt.TxId, "re-submitting an applied transaction is idempotent");
        (await client.GetTransactionAsync(tx.TxId)).Status.ShouldBe("pending");
        (await client.GetUtxoAsync(OutPoint.Parse(coin.OutPoint))).Status.ShouldBe("spent");
    }

    [Theory]
    [MemberData(nameof(TransportKinds.All), MemberType = typeof(TransportKinds))]
    public async Task Errors_EveryTransport_SameCodes(string kind)
    {
        await using var chain = await LiveChain.StartAsync([new(Wallet, Amount.FromTia(1))]);
        using var client = new FontanaClient(TransportKinds.Create(kind, chain), ownsTransport: true);
        var coin = OutPoint.Parse((await client.GetUtxosAsync(Wallet)).Utxos.Single().OutPoint);
        await client.SubmitTransactionAsync(TransactionCodec.Encode(Transfer(coin, Amount.FromTia(1), new Address(_other.PublicKey))));

        var unknown = await Should.ThrowAsync<FontanaNotFoundException>(() => client.GetTransactionAsync(Hash32.Compute([1, 2, 3])));
        unknown.Code.ShouldBe("not-found");
        var doubleSpend = await Should.ThrowAsync<InputSpentException>(
            () => client.SubmitTransactionAsync(TransactionCodec.Encode(Transfer(coin, Amount.FromTia(1), Wallet))));
        doubleSpend.Code.ShouldBe("input-spent", doubleSpend.Message);
        var badHeight = await Should.ThrowAsync<FontanaApiException>(() => client.GetHeaderAsync(999));
        badHeight.Code.ShouldBe("not-found");
    }

    [Theory]
    [MemberData(nameof(TransportKinds.All), MemberType = typeof(TransportKinds))]
    public async Task PaidCalls_PayerOverEveryTransport_Settle(string kind)
    {
        await using var chain = await LiveChain.StartAsync([new(Wallet, Amount.FromTia(1))]);
        using var client = new FontanaClient(TransportKinds.Create(kind, chain), ownsTransport: true);
        using var payer = new FontanaPayer(client, new FontanaPayerOptions { SigningKey = _wallet, UseStream = kind != TransportKinds.Http });
        using var http = LiveChain.PayingClient(payer);

        var tasks = Enumerable.Range(0, 40).Select(async _ => (await http.GetStringAsync(chain.Url("paid"))).ShouldBe("ok"));
        await Task.WhenAll(tasks);

        payer.PaymentCount.ShouldBe(40);
        chain.InputSpentRejections.ShouldBe(0);
        (await chain.BalanceAsync(chain.PayTo)).ShouldBe(LiveChain.Price * 40);
    }

    [Theory]
    [MemberData(nameof(TransportKinds.All), MemberType = typeof(TransportKinds))]
    public async Task Subscriptions_EveryTransport_HeadersAndTxStatusArrive(string kind)
    {
        await using var chain = await LiveChain.StartAsync([new(Wallet, Amount.FromTia(1))]);
        await using var transport = TransportKinds.Create(kind, chain);
        using var client = new FontanaClient(transport);
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var coin = OutPoint.Parse((await client.GetUtxosAsync(Wallet)).Utxos.Single().OutPoint);
        var tx = Transfer(coin, Amount.FromTia(1), new Address(_other.PublicKey));

        await using var headers = transport.StreamAsync(new StreamRequestDto("subscribe", "headers"), stop.Token).GetAsyncEnumerator(stop.Token);
        await using var status = transport.StreamAsync(new StreamRequestDto("subscribe", "tx", TxId: tx.TxId.ToString()), stop.Token).GetAsyncEnumerator(stop.Token);
        (await NextAsync(headers)).Type.ShouldBe("subscribed");
        (await NextAsync(status)).Type.ShouldBe("subscribed");

        await client.SubmitTransactionAsync(TransactionCodec.Encode(tx));
        var pending = await NextAsync(status);
        pending.Status.ShouldBe("pending");
        var block = await chain.Ledger.SealAsync();

        var header = await NextAsync(headers);
        header.Header!.Height.ShouldBe(block.Height);
        var sealedEvent = await NextAsync(status);
        sealedEvent.Status.ShouldBe("sealed");
        sealedEvent.BlockHeight.ShouldBe(block.Height);
    }

    internal static async Task<StreamEventDto> NextAsync(IAsyncEnumerator<StreamEventDto> events)
    {
        (await events.MoveNextAsync()).ShouldBeTrue("the subscription ended");
        return events.Current;
    }

    private Transaction Transfer(OutPoint coin, Amount value, Address to) =>
        new TransactionBuilder(LiveChain.ChainId)
            .AddInput(coin)
            .AddOutput(to, value - LiveChain.MinFee)
            .WithFee(LiveChain.MinFee)
            .Sign(_wallet);
}
