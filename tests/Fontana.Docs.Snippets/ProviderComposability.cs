// begin-snippet: provider-composability
using Fontana.Sdk.Payments;
// end-snippet

namespace Fontana.Docs.Snippets;

public static class ProviderComposability
{
    public static void Map(WebApplication app)
    {
        // begin-snippet: provider-composability
        app.MapGet("/composite", async (HttpContext ctx, FontanaPayer spender) =>
        {
            using var upstream = await spender.CallPaidApiAsync(new HttpRequestMessage(HttpMethod.Get, "http://other/weather"));
            return Results.Ok(await upstream.Content.ReadAsStringAsync());
        }).RequirePayment("0.002 TIA");
        // end-snippet
    }
}
