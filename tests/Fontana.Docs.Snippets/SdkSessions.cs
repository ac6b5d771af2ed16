// begin-snippet: sdk-sessions
using Fontana.Sdk.Payments;
using Fontana.Sdk.Sessions;
// end-snippet

namespace Fontana.Docs.Snippets;

public static class SdkSessions
{
    public static async Task<string> CallAsync()
    {
        // begin-snippet: sdk-sessions
        using var payer = new FontanaPayer(new FontanaPayerOptions
        {
            NodeUrl = new Uri("http://127.0.0.1:5080/"),
            WalletPath = "wallet.key",
            Sessions = new PaymentSessionOptions { Enabled = true, StoreDirectory = "sessions" },
        });
        using var response = await payer.CallPaidApiAsync(new Uri("http://127.0.0.1:5090/report/Paris?words=25"));
        // end-snippet
        return await response.Content.ReadAsStringAsync();
    }
}
