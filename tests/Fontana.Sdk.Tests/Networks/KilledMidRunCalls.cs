using System.Net;
using Fontana.Sdk.Receipts;
using Xunit.Abstractions;

namespace Fontana.Sdk.Tests.Networks;

/// <summary>The failover tests' load: paid calls, 32 in flight, with one node killed once half of them are done.</summary>
internal static class KilledMidRunCalls
{
    /// <summary>Makes <paramref name="calls"/> paid GETs of <paramref name="url"/> through <paramref name="http"/>, runs
    /// <paramref name="kill"/> when half have finished, and returns how many failed (not 200 with a receipt, or a
    /// payment, API or HTTP error, each written to <paramref name="output"/>).</summary>
    public static async Task<int> RunAsync(HttpClient http, Uri url, int calls, Func<Task> kill, ITestOutputHelper output)
    {
        var done = 0;
        var failed = 0;
        var halfway = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var killer = Task.Run(async () =>
        {
            await halfway.Task;
            await kill();
        });
        await Parallel.ForEachAsync(Enumerable.Range(0, calls), new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (_, ct) =>
        {
            try
            {
                using var response = await http.GetAsync(url, ct);
                if (response.StatusCode != HttpStatusCode.OK || response.GetFontanaReceipt() is null)
                {
                    Interlocked.Increment(ref failed);
                }
            }
            catch (Exception ex) when (ex is FontanaPaymentException or FontanaApiException or HttpRequestException)
            {
                output.WriteLine(ex.Message);
                Interlocked.Increment(ref failed);
            }

            if (Interlocked.Increment(ref done) == calls / 2)
            {
                halfway.TrySetResult();
            }
        });
        await killer;
        return failed;
    }
}
