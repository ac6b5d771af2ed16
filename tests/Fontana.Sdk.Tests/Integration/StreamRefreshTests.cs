using Fontana.Core;
using Fontana.Core.Crypto;
using Fontana.Core.Encoding;
using Fontana.Core.Transactions;
using Fontana.Sdk.Tests.Support;

namespace Fontana.Sdk.Tests.Integration;

[Collection(IntegrationCollection.Name)]
public sealed class StreamRefreshTests
{
    [Fact]
    public async Task Stream_RealNodeTransferToTheWallet_CacheLearnsItWithoutPolling()
    {
        var wallet = PrivateKey.Generate();
        var sender = PrivateKey.Generate();
        var address = new Address(wallet.PublicKey);
        await using var chain = await LiveChain.StartAsync([new(address, Amount.FromTia(1)), new(new Address(sender.PublicKey), Amount.FromTia(5))]);
        using var payer = chain.CreatePayer(wallet, o =>
        {
            o.UseStream = true;
            o.RefreshInterval = TimeSpan.Zero;
        });
        await payer.InitializeAsync();
        await Eventually.TrueAsync(() => payer.StreamConnected, because: "the payer subscribes to its address");

        using var node = new FontanaClient(chain.BaseAddress);
        var coin = (await node.GetUtxosAsync(new Address(sender.PublicKey))).Utxos.Single();
        var gift = new TransactionBuilder(LiveChain.ChainId)
            .AddInput(OutPoint.Parse(coin.OutPoint))
            .AddOutput(address, Amount.FromTia(2))
            .AddOutput(new Address(sender.PublicKey), Amount.FromTia(3) - LiveChain.MinFee)
            .WithFee(LiveChain.MinFee)
            .Sign(sender);
        await node.SubmitTransactionAsync(TransactionCodec.Encode(gift));

        await Eventually.TrueAsync(() => payer.AvailableFunds == Amount.FromTia(3), because: "the address event triggers a refresh");
        payer.Utxos.Count.ShouldBe(2);
    }
}
