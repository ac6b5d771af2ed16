// begin-snippet: sdk-networks
using Fontana.Core;
using Fontana.Sdk.Networks;
using Fontana.Sdk.Receipts;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
// end-snippet

namespace Fontana.Docs.Snippets;

public static class SdkNetworks
{
    public static async Task NetworksAsync(IConfiguration configuration, Uri alphaApi, Uri betaApi)
    {
        // begin-snippet: sdk-networks
        // appsettings.json: "Fontana": { "DefaultNetwork": "main", "Networks": {
        //   "main": { "ChainId": "fontana-main", "WalletPath": "/home/me/.fontana/wallet.key", "MaxPricePerCall": "0.002 TIA",
        //             "Nodes": [ { "Url": "http://10.0.0.1:5080/", "Weight": 2 }, { "Url": "http://10.0.0.2:5080/" } ] },
        //   "test": { "ChainId": "fontana-test", "WalletPath": "/home/me/.fontana/test.key",
        //             "Nodes": [ { "Url": "http://127.0.0.1:5080/" } ] } } }
        var services = new ServiceCollection();
        services.AddFontanaNetworks(configuration);                  // validated at start-up, errors name the key
        services.AddHttpClient("apis").AddFontanaNetworkPayments();   // 402s paid on a network with funds
        await using var provider = services.BuildServiceProvider();
        var client = provider.GetRequiredService<FontanaNetworkClient>();

        using var paid = await client.CallPaidApiAsync(alphaApi);    // offers on fontana-main → paid from "main"
        using var other = await provider.GetRequiredService<IHttpClientFactory>().CreateClient("apis").GetAsync(betaApi);
        PaymentReceipt? receipt = paid.GetFontanaReceipt();

        Amount balance = await client.Wallet.GetBalanceAsync("fontana:fontana-test");   // or by name: "test"
        IReadOnlyList<WalletOutput> outputs = await client.Wallet.GetOutputsAsync();  // the default network
        var payments = client.Wallet.GetHistory("main");                               // with a wallet store
        var deposit = await client.Settlement.DepositInstructionsAsync("main");        // the bridge of that network
        // end-snippet
    }
}
