using System.Net;
using System.Net.Http.Json;
using Fontana.Core;
using Fontana.Core.Api;
using Fontana.Core.Crypto;
using Fontana.Node.Tests.Support;

namespace Fontana.Node.Tests.Api;

/// <summary>The ledger outlives requests: endpoints that reach it through DI must not close it (regression: a
/// transient ILedger registration let the first facilitator request's scope dispose the ledger).</summary>
public sealed class LedgerLifetimeTests : IAsyncLifetime
{
    private TestNode _node = null!;

    public async Task InitializeAsync() => _node = await TestNode.StartAsync();

    public async Task DisposeAsync() => await _node.DisposeAsync();

    [Fact]
    public async Task FacilitatorRequests_SeveralInARow_LedgerStaysOpen()
    {
        for (var i = 0; i < 3; i++)
        {
            var supported = await _node.Http.GetAsync("v1/x402/supported");
            supported.StatusCode.ShouldBe(HttpStatusCode.OK, await supported.Content.ReadAsStringAsync());
        }

        using var recipientKey = PrivateKey.Generate();
        var tx = _node.Transfer(0, new Address(recipientKey.PublicKey), Amount.FromTia(1));
        var submit = await _node.Http.PostAsJsonAsync(
            "v1/transactions", new SubmitTransactionRequest(TestNode.Base64(tx)), ApiJsonContext.Default.SubmitTransactionRequest);
        submit.StatusCode.ShouldBe(HttpStatusCode.OK, await submit.Content.ReadAsStringAsync());
        _node.Ledger.IsFaulted.ShouldBeFalse();
    }
}
