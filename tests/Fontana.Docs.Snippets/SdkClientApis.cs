// begin-snippet: sdk-client-apis
using Fontana.Core;
using Fontana.Core.Api;
using Fontana.Core.Blocks;
using Fontana.Sdk.Marketplace;
using Fontana.Sdk.Networks;
using Fontana.Sdk.Receipts;
// end-snippet

namespace Fontana.Docs.Snippets;

public static class SdkClientApis
{
    public static async Task ClientApisAsync(FontanaNetworkClient client, Uri provider, CancellationToken stop)
    {
        // begin-snippet: sdk-client-apis
        // Marketplace: what does this provider sell, at what price, on which networks?
        ProviderCatalog catalog = await client.Marketplace.GetCatalogAsync(provider);   // reads /.well-known/x402
        foreach (CatalogResource resource in catalog.Search("weather"))
        {
            Console.WriteLine($"{resource.Path} {resource.PriceText} on {string.Join(", ", resource.Networks)}");
        }

        // Receipts: verify what a paid call got, on the network it was paid on; wait for its block.
        using var response = await client.CallPaidApiAsync(new Uri(provider, "weather/paris"));
        PaymentReceipt paid = response.GetFontanaReceipt()!;
        bool signed = await client.Receipts.VerifyPaymentAsync(paid);                       // sequencer's signature, offline
        FinalReceiptDto final = await client.Receipts.WaitForPaymentFinalAsync(paid, TimeSpan.FromSeconds(30));
        BlockHeader block = await client.Receipts.VerifyFinalAsync(final, paid.TxId, paid.Network);  // header + inclusion proof

        // Subscriptions: verified headers (signature + parent chain), statuses, the wallet's activity — live.
        await foreach (BlockHeader header in client.Subscriptions.HeadersAsync(network: "main", cancellationToken: stop))
        {
            Console.WriteLine($"block {header.Height} {header.Hash}");
        }

        await foreach (var activity in client.Subscriptions.AddressAsync(cancellationToken: stop))  // this wallet, default network
        {
            Console.WriteLine($"{activity.TxId} {activity.Status}");
        }

        // Amounts: formatting for people, limits with codes, exact arithmetic.
        Amount price = Amount.Parse("0.0015 TIA");
        string shown = (price * 1_000_000).Format(AmountFormat.Grouped);            // "1,500 TIA"
        AmountLimits.AtMost(Amount.FromTia(1)).Ensure(price);                        // amount-above-maximum otherwise
        Amount fee = price.PercentOf(250);                                           // 2.5 %, rounded down to a utia
        Amount[] shares = Amount.FromTia(1).Split(3);                                // add up to exactly 1 TIA
        // end-snippet
    }
}
