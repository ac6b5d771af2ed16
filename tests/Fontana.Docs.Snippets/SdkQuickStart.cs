// begin-snippet: sdk-quick-start
using Fontana.Core;
using Fontana.Core.Api;
using Fontana.Core.Crypto;
using Fontana.Sdk;
using Fontana.Sdk.Payments;
using Fontana.Sdk.Receipts;
using Microsoft.Extensions.DependencyInjection;
// end-snippet

namespace Fontana.Docs.Snippets;

public static class SdkQuickStart
{
    public static async Task RunAsync(Uri node, PrivateKey key, Uri url)
    {
        // begin-snippet: sdk-quick-start
        // 1. An HttpClient that pays by itself (one FontanaPayer — wallet, UTXO cache, locks — per client name).
        var services = new ServiceCollection();
        services.AddHttpClient("weather").AddFontanaPayments(o =>
        {
            o.NodeUrl = new Uri("http://127.0.0.1:5080/");
            o.WalletPath = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".fontana", "wallet.key");
            o.MaxPricePerCall = Amount.Parse("0.002 TIA");
        });
        await using var provider = services.BuildServiceProvider();
        var factory = provider.GetRequiredService<IHttpClientFactory>();
        using var response = await factory.CreateClient("weather").GetAsync("http://127.0.0.1:5090/weather/Paris");
        var receipt = response.GetFontanaReceipt()!;       // txid, price, fee, payTo, sequencer receipt, verified?

        // 2. Without DI: one payer, its handler in any HttpClient pipeline, or one-off calls.
        using var payer = new FontanaPayer(new FontanaPayerOptions { NodeUrl = node, SigningKey = key });
        using var http = new HttpClient(new PaymentHandler(payer) { InnerHandler = new SocketsHttpHandler() });
        using var r1 = await payer.CallPaidApiAsync(url);
        using var nodeClient = new FontanaClient(node);
        using var r2 = await nodeClient.CallPaidApiAsync(key, new HttpRequestMessage(HttpMethod.Get, url)); // one-off

        // 3. Later: the final receipt, verified offline (header hash + sequencer signature, tx inclusion proof).
        FinalReceiptDto final = await payer.GetFinalReceiptAsync(receipt.TxId, TimeSpan.FromSeconds(30));
        // end-snippet
        _ = http;
        _ = final;
    }
}
