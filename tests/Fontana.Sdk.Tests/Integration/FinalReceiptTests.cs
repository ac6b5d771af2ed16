using System.Net;
using Fontana.Core;
using Fontana.Core.Crypto;
using Fontana.Sdk.Receipts;
using Fontana.Sdk.Tests.Support;

namespace Fontana.Sdk.Tests.Integration;

[Collection(IntegrationCollection.Name)]
public sealed class FinalReceiptTests
{
    [Fact]
    public async Task GetFinalReceiptAsync_PaymentSealedInBlock_VerifiesHeaderAndInclusionProof()
    {
        var wallet = PrivateKey.Generate();
        await using var chain = await LiveChain.StartAsync([new(new Address(wallet.PublicKey), Amount.FromTia(1))]);
        using var payer = chain.CreatePayer(wallet);
        using var http = LiveChain.PayingClient(payer);
        using var response = await http.GetAsync(chain.Url("paid"));
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var receipt = response.GetFontanaReceipt().ShouldNotBeNull();
        receipt.ReceiptVerified.ShouldBeTrue();

        var waiting = payer.GetFinalReceiptAsync(receipt.TxId, TimeSpan.FromSeconds(20));
        await Task.Delay(200);
        waiting.IsCompleted.ShouldBeFalse();
        await chain.Ledger.SealAsync();
        var final = await waiting.WaitAsync(TimeSpan.FromSeconds(30));

        final.Receipt.TxId.ShouldBe(receipt.TxId.ToString());
        var header = payer.VerifyFinalReceipt(final, receipt.TxId);
        header.Height.ShouldBe(final.BlockHeight);
        Should.Throw<ReceiptVerificationException>(() => payer.VerifyFinalReceipt(final, Hash32.Compute([1])));
    }
}
