using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Fontana.Cli.Tests;

/// <summary>Ctrl-C during a paid call whose payment settled: the user learns the txid (the provider was paid), not
/// just "cancelled".</summary>
public sealed class InterruptedCallTests : IDisposable
{
    private readonly TempDirectory _home = new("cli");

    [Fact]
    public async Task Call_CtrlCAfterSettlement_PrintsTheSettledTxIdExit130()
    {
        var wallet = _home.Combine("wallet.key");
        await using var devnet = await DevnetProcess.StartAsync(_home.Path, _home.Combine("devnet"), wallet, FontanaProcess.FreePort());
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var (provider, payTo) = await PaidApiHost.StartAsync(devnet.Url, devnet.Started.GetProperty("chainId").GetString()!, app =>
            app.MapGet("/slow", async () =>
            {
                entered.TrySetResult();
                await release.Task;
                return "too late";
            }).RequirePayment("0.001 TIA"));
        await using (provider)
        {
            using var call = Process.Start(FontanaProcess.StartInfo(_home.Path,
                ["call", new Uri(provider.BaseAddress, "slow").ToString(), "--node", devnet.Url, "--wallet", wallet, "--json"]))!;
            var stdout = call.StandardOutput.ReadToEndAsync();
            var stderr = call.StandardError.ReadToEndAsync();
            await entered.Task.WaitAsync(TimeSpan.FromSeconds(120));

            Signals.Interrupt(call.Id);
            await call.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(120));
            release.TrySetResult();

            var run = new CliRun(call.ExitCode, await stdout, await stderr);
            run.ExitCode.ShouldBe(130, run.ToString());
            var json = run.ParseJson();
            json.GetProperty("code").GetString().ShouldBe("cancelled");
            json.GetProperty("settled").GetBoolean().ShouldBeTrue(run.ToString());
            json.GetProperty("payTo").GetString().ShouldBe(payTo.ToString());
            var txId = json.GetProperty("txId").GetString()!;
            json.GetProperty("message").GetString()!.ShouldStartWith($"cancelled after the payment settled: tx {txId} paid 0.001 TIA");
            json.GetProperty("message").GetString()!.ShouldContain("may be retried until");
            using var http = new HttpClient();
            (await http.GetAsync($"{devnet.Url}/v1/transactions/{txId}")).IsSuccessStatusCode.ShouldBeTrue();
        }
    }

    [Fact]
    public async Task Call_CtrlCAfterSettlement_HumanOutputNamesTheTxIdOnce()
    {
        var wallet = _home.Combine("wallet.key");
        await using var devnet = await DevnetProcess.StartAsync(_home.Path, _home.Combine("devnet"), wallet, FontanaProcess.FreePort());
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var (provider, _) = await PaidApiHost.StartAsync(devnet.Url, devnet.Started.GetProperty("chainId").GetString()!, app =>
            app.MapGet("/slow", async () =>
            {
                entered.TrySetResult();
                await release.Task;
                return Results.Ok();
            }).RequirePayment("0.001 TIA"));
        await using (provider)
        {
            using var call = Process.Start(FontanaProcess.StartInfo(_home.Path,
                ["call", new Uri(provider.BaseAddress, "slow").ToString(), "--node", devnet.Url, "--wallet", wallet]))!;
            var stdout = call.StandardOutput.ReadToEndAsync();
            var stderr = call.StandardError.ReadToEndAsync();
            await entered.Task.WaitAsync(TimeSpan.FromSeconds(120));

            Signals.Interrupt(call.Id);
            await call.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(120));
            release.TrySetResult();

            var run = new CliRun(call.ExitCode, await stdout, await stderr);
            run.ExitCode.ShouldBe(130, run.ToString());
            run.Out.ShouldBeEmpty();
            run.Err.ShouldStartWith("error cancelled: cancelled after the payment settled: tx ");
            run.Err.Trim().Split('\n').ShouldHaveSingleItem();
        }
    }

    public void Dispose() => _home.Dispose();
}
