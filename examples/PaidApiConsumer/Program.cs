using Fontana.Sdk;
using Fontana.Sdk.Receipts;
using Microsoft.Extensions.DependencyInjection;
using PaidApiConsumer;

// A program that pays for API calls per call with Fontana:
//   dotnet run --project examples/PaidApiConsumer -- [URL] [--calls N] [--max-price "0.001 TIA"]
// Defaults: the devnet's demo API (http://127.0.0.1:5080/demo/fortune), its node, and the CLI's wallet
// (~/.fontana/wallet.key, or $FONTANA_WALLET; passphrase in $FONTANA_WALLET_PASSPHRASE).
var settings = ConsumerSettings.FromArgs(args);

// 1. A named HttpClient that pays by itself: a 402 is answered with a signed payment from the wallet.
var services = new ServiceCollection();
services.AddHttpClient("paid-api").AddFontanaPayments(options =>
{
    options.NodeUrl = settings.NodeUrl;
    options.WalletPath = settings.WalletPath;
    options.WalletPassphrase = Environment.GetEnvironmentVariable("FONTANA_WALLET_PASSPHRASE");
    options.MaxPricePerCall = settings.MaxPrice;
});
await using var provider = services.BuildServiceProvider();
var http = provider.GetRequiredService<IHttpClientFactory>().CreateClient("paid-api");
var payer = provider.GetFontanaPayer("paid-api");

try
{
    // 2. Calls in parallel from one wallet: the SDK locks one coin per call and splits large coins as needed.
    var responses = await Task.WhenAll(Enumerable.Range(0, settings.Calls).Select(_ => http.GetAsync(settings.ApiUrl)));
    PaymentReceipt? last = null;
    foreach (var response in responses)
    {
        using (response)
        {
            var body = await response.Content.ReadAsStringAsync();
            var receipt = response.GetFontanaReceipt();
            Console.WriteLine($"{(int)response.StatusCode} {body.Trim()}");
            if (receipt is not null)
            {
                Console.WriteLine($"    paid {receipt.Price} + fee {receipt.Fee} to {receipt.PayTo}, tx {receipt.TxId}, receipt verified: {receipt.ReceiptVerified}");
                last = receipt;
            }
        }
    }

    Console.WriteLine($"{payer.PaymentCount} payments, {payer.SplitCount} splits; {payer.AvailableFunds} left in {payer.Address}");

    // 3. Later, the final receipt: block header (hash + sequencer signature) and the tx inclusion proof, verified offline.
    if (last is not null && settings.WaitForBlock)
    {
        Console.WriteLine("waiting for the next block to verify the final receipt…");
        var final = await payer.GetFinalReceiptAsync(last.TxId, TimeSpan.FromSeconds(60));
        Console.WriteLine($"tx {last.TxId} is in block {final.BlockHeight} ({final.BlockHash}): inclusion proof and header verified");
    }

    return 0;
}
catch (InsufficientFundsException ex)
{
    Console.Error.WriteLine($"error {ex.Code}: need {ex.Required}, have {ex.Available} — fund {payer.Address} first");
    return 1;
}
catch (FontanaPaymentException ex)
{
    Console.Error.WriteLine($"error {ex.Code}: {ex.Message}");
    return 1;
}
catch (FontanaApiException ex)
{
    Console.Error.WriteLine($"error {ex.Code}: {ex.Message}");
    return 1;
}
