using System.Net;
using Fontana.AspNetCore.Tests.Support;
using Fontana.Testing;
using Fontana.Core;
using Fontana.Core.X402;

namespace Fontana.AspNetCore.Tests.PaidCalls;

/// <summary>
/// Two real provider processes behind one public host, sharing paid calls in one PostgreSQL schema and settling
/// through a node: a payment sent to both at once runs the handler once; replays to either, and after one is
/// killed, get the stored response.
/// </summary>
public sealed class TwoProviderProcessesTests : IAsyncLifetime
{
    private const string PublicHost = "api.fontana.test";
    private readonly PostgresSchema _schema = new();
    private TestChain _chain = null!;
    private NodeApp _node = null!;

    public async Task InitializeAsync()
    {
        _chain = await TestChain.StartAsync(payerCount: 2);
        _node = await NodeApp.StartAsync(_chain);
    }

    public async Task DisposeAsync()
    {
        await _node.DisposeAsync();
        await _chain.DisposeAsync();
        if (PostgresSchema.ConnectionString is not null)
        {
            await _schema.DisposeAsync();
        }
    }

    [PostgresFact]
    public async Task Pay_HundredCopiesSpreadOverTwoProcesses_HandlerRanOnceAndEveryCopyGotTheStoredBody_AlsoAfterOneIsKilled()
    {
        await using var a = await StartProviderAsync();
        await using var b = await StartProviderAsync();
        var required = await UnpaidAsync(a);
        var header = new TestPayment(required, _chain.Payers[0], _chain.CoinOf(0), TestChain.CoinAmount).Build();

        var replies = await Task.WhenAll(Enumerable.Range(0, 100).Select(i => Task.Run(() => PaidAsync(i % 2 == 0 ? a : b, header))));

        replies.ShouldAllBe(r => r.Status == HttpStatusCode.OK);
        replies.Select(r => r.Body).Distinct().Count().ShouldBe(1);
        ((await a.RunsAsync()) + (await b.RunsAsync())).ShouldBe(1);
        (await _chain.Ledger.GetBalanceAsync(_chain.ProviderAddress)).ShouldBe(Amount.FromUtia(1000));

        var servedBy = replies[0].Body.Contains(a.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal) ? a : b;
        var other = ReferenceEquals(servedBy, a) ? b : a;
        servedBy.Kill();
        var afterKill = await PaidAsync(other, header);

        afterKill.Status.ShouldBe(HttpStatusCode.OK);
        afterKill.Body.ShouldBe(replies[0].Body);
        (await other.RunsAsync()).ShouldBe(0);
        (await _chain.Ledger.GetBalanceAsync(_chain.ProviderAddress)).ShouldBe(Amount.FromUtia(1000));
    }

    private Task<ProviderProcess> StartProviderAsync() => ProviderProcess.StartAsync(new Dictionary<string, string>
    {
        ["FONTANA__PROVIDER__PAYTO"] = _chain.ProviderAddress.ToString(),
        ["FONTANA__PROVIDER__CHAINID"] = TestChain.ChainId,
        ["FONTANA__PROVIDER__CHALLENGEKEYSEED"] = Convert.ToHexString(_chain.Provider.ExportSeed()),
        ["FONTANA__PROVIDER__SETTLEMENT"] = "Remote",
        ["FONTANA__PROVIDER__NODEURL"] = _node.BaseAddress.ToString(),
        ["FONTANA__PROVIDER__PAIDCALLS__STORE"] = "PostgreSql",
        ["FONTANA__PROVIDER__PAIDCALLS__CONNECTIONSTRING"] = PostgresSchema.ConnectionString!,
        ["FONTANA__PROVIDER__PAIDCALLS__SCHEMA"] = _schema.Name,
    });

    private static async Task<PaymentRequired> UnpaidAsync(ProviderProcess provider)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/weather");
        request.Headers.Host = PublicHost;
        using var response = await provider.Client.SendAsync(request);
        response.StatusCode.ShouldBe(HttpStatusCode.PaymentRequired);
        return X402HeaderCodec.DecodePaymentRequired(response.Headers.GetValues(X402Headers.PaymentRequired).Single());
    }

    private static async Task<(HttpStatusCode Status, string Body)> PaidAsync(ProviderProcess provider, string header)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/weather");
        request.Headers.Host = PublicHost;
        request.Headers.TryAddWithoutValidation(X402Headers.PaymentSignature, header);
        using var response = await provider.Client.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}
