// A provider process: GET /weather costs 0.001 TIA and counts its runs; GET /runs reports the count.
// Configuration comes from FONTANA__PROVIDER__* environment variables (PayTo, ChainId, ChallengeKeySeed, Settlement,
// NodeUrl, PaidCalls__Store, PaidCalls__ConnectionString, PaidCalls__Schema); it listens on the URL given as argument.

var runs = 0;
var builder = WebApplication.CreateSlimBuilder(args);
builder.WebHost.UseUrls(args[0]);
builder.Logging.ClearProviders();
builder.Services.AddFontanaPayments();
var app = builder.Build();
app.MapGet("/weather", () =>
{
    Interlocked.Increment(ref runs);
    return Results.Ok(new { forecast = "sunny", servedBy = Environment.ProcessId });
}).RequirePayment("0.001 TIA");
app.MapGet("/runs", () => Results.Ok(new { runs = Volatile.Read(ref runs) }));
await app.StartAsync();
Console.WriteLine("listening " + app.Urls.First());
await app.WaitForShutdownAsync();
