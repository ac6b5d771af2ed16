using System.Net;
using System.Text;
using System.Text.Json;
using Fontana.Bridge.L1;
using Fontana.Core.Errors;
using Fontana.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Fontana.Bridge.Tests.L1;

public sealed class CelestiaStateClientTests
{
    [Fact]
    public async Task Transfer_FromVault_PaysAndBalanceShowsOneBlockLater()
    {
        await using var l1 = await L1Fixture.StartAsync();
        l1.Simulator.SendWithMemo(L1Fixture.User, L1Fixture.Vault, 5_000_000, "deposit");
        (await l1.State.BalanceAsync(CancellationToken.None)).ShouldBe(0ul); // balances are read at head − 1
        l1.Simulator.ProduceBlocks(1);
        (await l1.State.BalanceAsync(CancellationToken.None)).ShouldBe(5_000_000ul);

        var paid = await l1.State.TransferAsync(L1Fixture.Payee, 2_000_000, CancellationToken.None);

        paid.TxHash.ShouldMatch("^[0-9A-F]{64}$");
        paid.Height.ShouldBe(l1.Simulator.Height);
        l1.Simulator.BalanceOf(L1Fixture.Payee).ShouldBe(2_000_000ul);
        l1.Simulator.ProduceBlocks(1);
        (await l1.State.BalanceForAddressAsync(L1Fixture.Payee, CancellationToken.None)).ShouldBe(2_000_000ul);
    }

    [Fact]
    public async Task Transfer_VaultShort_InsufficientFundsTransientNothingSent()
    {
        await using var l1 = await L1Fixture.StartAsync();

        var e = await Should.ThrowAsync<L1Exception>(() => l1.State.TransferAsync(L1Fixture.Payee, 1, CancellationToken.None));

        e.Code.ShouldBe(ErrorCodes.L1InsufficientFunds);
        e.IsTransient.ShouldBeTrue();
        l1.Simulator.TransfersFrom(L1Fixture.Vault).ShouldBeEmpty();
    }

    [Fact]
    public async Task Call_WrongToken_L1AuthPermanent()
    {
        await using var l1 = await L1Fixture.StartAsync();
        var client = new CelestiaStateClient(l1.Http, new L1Options { RpcUrl = l1.Options.RpcUrl, AuthToken = "wrong" }, TimeProvider.System);

        var e = await Should.ThrowAsync<L1Exception>(() => client.BalanceAsync(CancellationToken.None));

        e.Code.ShouldBe(ErrorCodes.L1Auth);
        e.IsTransient.ShouldBeFalse();
    }

    [Fact]
    public async Task Call_NodeDownOrGone_L1UnavailableTransient()
    {
        await using var l1 = await L1Fixture.StartAsync();
        l1.Simulator.Options.Down = true;
        var down = await Should.ThrowAsync<L1Exception>(() => l1.State.BalanceAsync(CancellationToken.None));
        down.Code.ShouldBe(ErrorCodes.L1Unavailable);

        var gone = new CelestiaStateClient(l1.Http, new L1Options { RpcUrl = "http://127.0.0.1:9/" }, TimeProvider.System);
        var e = await Should.ThrowAsync<L1Exception>(() => gone.BalanceAsync(CancellationToken.None));
        e.Code.ShouldBe(ErrorCodes.L1Unavailable);
        e.IsTransient.ShouldBeTrue();
    }

    /// <summary>What a proxy or a non-celestia server answers (CelestiaNodeRpc, shared with the DA client): a non-JSON
    /// 4xx/5xx is transient <c>l1-unavailable</c>; a 200 that is not a JSON-RPC 2.0 response is <c>l1-bad-response</c>.</summary>
    [Theory]
    [InlineData(404, "text/html", "<html>not found</html>", ErrorCodes.L1Unavailable)]
    [InlineData(502, "text/plain", "bad gateway", ErrorCodes.L1Unavailable)]
    [InlineData(200, "text/html", "<html>hello</html>", ErrorCodes.L1BadResponse)]
    [InlineData(200, "application/json", """{"id":1,"result":{"denom":"utia","amount":"5"}}""", ErrorCodes.L1BadResponse)]
    [InlineData(200, "application/json", """{"jsonrpc":"2.0","id":99,"result":{"denom":"utia","amount":"5"}}""", ErrorCodes.L1BadResponse)]
    public async Task Call_NotACelestiaNodeAnswer_ClassifiedByCode(int status, string contentType, string body, string code)
    {
        await using var server = await KestrelHost.StartAsync(
            new Dictionary<string, string?>(),
            _ => { },
            app => app.MapPost("/", () => Results.Content(body, contentType, Encoding.UTF8, status)));
        using var http = new HttpClient();
        var client = new CelestiaStateClient(http, new L1Options { RpcUrl = server.BaseAddress.ToString() }, TimeProvider.System);

        var e = await Should.ThrowAsync<L1Exception>(() => client.BalanceAsync(CancellationToken.None));

        e.Code.ShouldBe(code);
    }

    [Fact]
    public async Task Simulator_AmountAsJsonNumber_RefusedLikeCelestiaNode()
    {
        await using var l1 = await L1Fixture.StartAsync();
        var body = $$"""{"jsonrpc":"2.0","id":1,"method":"state.Transfer","params":["{{L1Fixture.Payee.Text}}",5,{"max_gas_price":0}]}""";
        using var request = new HttpRequestMessage(HttpMethod.Post, l1.Simulator.Url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new("Bearer", "test-token");

        using var response = await l1.Http.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.InternalServerError);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        doc.RootElement.GetProperty("error").GetProperty("code").GetInt32().ShouldBe(-32700);
        l1.Simulator.TransfersFrom(L1Fixture.Vault).ShouldBeEmpty();
    }

    [Fact]
    public async Task Simulator_TxResponse_HeightNumberCodeOmitted()
    {
        await using var l1 = await L1Fixture.StartAsync();
        l1.Simulator.SendWithMemo(L1Fixture.User, L1Fixture.Vault, 10, "");
        var body = $$"""{"jsonrpc":"2.0","id":7,"method":"state.Transfer","params":["{{L1Fixture.Payee.Text}}","3",{"max_gas_price":0}]}""";
        using var request = new HttpRequestMessage(HttpMethod.Post, l1.Simulator.Url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new("Bearer", "test-token");

        using var response = await l1.Http.SendAsync(request);

        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var result = doc.RootElement.GetProperty("result");
        result.GetProperty("height").ValueKind.ShouldBe(JsonValueKind.Number);
        result.TryGetProperty("code", out _).ShouldBeFalse();
        doc.RootElement.GetProperty("id").GetInt32().ShouldBe(7);
    }

    [Theory]
    [InlineData("rpc error: insufficient funds", "l1-insufficient-funds")]
    [InlineData("insufficient fee; got: 10utia required: 20utia", "l1-fee-too-low")]
    [InlineData("estimated gas price exceeds max gas price", "l1-fee-too-low")]
    [InlineData("missing permission to invoke 'Transfer'", "l1-auth")]
    [InlineData("account sequence mismatch", "l1-tx-failed")]
    public void Classify_NodeMessages_Codes(string message, string code) => CelestiaStateClient.Classify(message).ShouldBe(code);
}
