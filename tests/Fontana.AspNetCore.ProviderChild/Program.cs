// A provider process: GET /weather costs 0.001 TIA and counts its runs; GET /runs reports the count.
// Configuration comes from FONTANA__PROVIDER__* environment variables (PayTo, ChainId, ChallengeKeySeed, Settlement,
// NodeUrl, PaidCalls__Store, PaidCalls__ConnectionString, PaidCalls__Schema); it listens on the URL given as argument.
// With FONTANA__PROVIDER__SESSIONS__ENABLED=true it also takes payment sessions (Sessions__StorePath, …) and
// POST /claims claims every session's charges now.

using Fontana.AspNetCore.Sessions;

var runs = 0;
var builder = WebApplication.CreateSlimBuilder(args);
builder.WebHost.UseUrls(args[0]);
builder.Logging.ClearProviders();
builder.Services.AddFontanaPayments();
var sessions = builder.Configuration.GetValue<bool>(FontanaSessionOptions.SectionName + ":Enabled");
if (sessions)
{
    builder.Services.AddFontanaSessions();
}

var app = builder.Build();
app.MapGet("/weather", () =>
{
    Interlocked.Increment(ref runs);
    return Results.Ok(new { forecast = "sunny", servedBy = Environment.ProcessId });
}).RequirePayment("0.001 TIA");
app.MapGet("/runs", () => Results.Ok(new { runs = Volatile.Read(ref runs) }));
if (sessions)
{
    app.MapPost("/claims", async (ISessionClaims claims, CancellationToken ct) => Results.Ok(new { submitted = await claims.ClaimDueAsync(all: true, ct) }));
}

await app.StartAsync();
Console.WriteLine("listening " + app.Urls.First());
await app.WaitForShutdownAsync();
