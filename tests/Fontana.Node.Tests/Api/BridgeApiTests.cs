using System.Net;
using System.Net.Http.Json;
using Fontana.Core;
using Fontana.Core.Api;
using Fontana.Core.Errors;
using Fontana.Core.Crypto;
using Fontana.Node.Options;
using Fontana.Node.Tests.Support;

namespace Fontana.Node.Tests.Api;

public sealed class BridgeApiTests
{
    [Fact]
    public async Task Deposit_NoKeyConfigured_Forbidden403BridgeDisabled()
    {
        await using var node = await TestNode.StartAsync();

        var response = await Deposit(node, "l1-tx-1", node.OwnerAddress, "5", key: "anything-at-all-0000");

        await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden, ErrorCodes.BridgeDisabled);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("wrong-key-wrong-key-0000")]
    public async Task Deposit_MissingOrWrongKey_Unauthorized401(string? key)
    {
        await using var node = await StartWithKey();

        var response = await Deposit(node, "l1-tx-1", node.OwnerAddress, "5", key);

        await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, ErrorCodes.Unauthorized);
    }

    [Fact]
    public async Task Deposit_WithKey_MintsOnceAndIsIdempotent()
    {
        await using var node = await StartWithKey();
        using var user = PrivateKey.Generate();
        var address = new Address(user.PublicKey);

        var first = await Deposit(node, "l1-tx-7", address, "2500000", TestNode.BridgeKey);
        var again = await Deposit(node, "l1-tx-7", address, "2500000", TestNode.BridgeKey);

        first.StatusCode.ShouldBe(HttpStatusCode.OK, await first.Content.ReadAsStringAsync());
        again.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await again.Content.ReadAsStringAsync()).ShouldBe(await first.Content.ReadAsStringAsync());
        var balance = await node.Http.GetFromJsonAsync($"v1/addresses/{address}/balance", ApiJsonContext.Default.BalanceDto);
        balance!.Balance.ShouldBe("2500000");
    }

    [Theory]
    [InlineData("{\"l1TxRef\":\"x\",\"address\":\"nope\",\"amount\":\"1\"}", ErrorCodes.BadAddress)]
    [InlineData("{\"l1TxRef\":\"x\",\"address\":\"ADDR\",\"amount\":\"1.5 TIA\"}", ErrorCodes.BadAmount)]
    [InlineData("{\"address\":\"ADDR\",\"amount\":\"1\"}", ErrorCodes.BadRequest)]
    [InlineData("{oops", ErrorCodes.MalformedJson)]
    public async Task Deposit_MalformedRequest_BadRequestWithCode(string body, string code)
    {
        await using var node = await StartWithKey();
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/bridge/deposits")
        {
            Content = new StringContent(body.Replace("ADDR", node.OwnerAddress.ToString(), StringComparison.Ordinal), System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Add(BridgeOptions.DefaultHeaderName, TestNode.BridgeKey);

        await (await node.Http.SendAsync(request)).ShouldBeProblemAsync(HttpStatusCode.BadRequest, code);
    }

    [Fact]
    public async Task ConfirmWithdrawal_UnknownWithdrawal_Unprocessable()
    {
        await using var node = await StartWithKey();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"v1/bridge/withdrawals/{Hash32.Compute("w"u8)}/confirm")
        {
            Content = JsonContent.Create(new WithdrawalConfirmRequest("l1-payout-1"), ApiJsonContext.Default.WithdrawalConfirmRequest),
        };
        request.Headers.Add(BridgeOptions.DefaultHeaderName, TestNode.BridgeKey);

        await (await node.Http.SendAsync(request)).ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "unknown-withdrawal");
    }

    [Fact]
    public async Task Deposit_ReferenceOverLimit_BadRequest400ExternalRefTooLong()
    {
        await using var node = await StartWithKey();

        var response = await Deposit(node, new string('A', 129), node.OwnerAddress, "5", TestNode.BridgeKey);

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, ErrorCodes.ExternalRefTooLong);
    }

    [Fact]
    public async Task ConfirmWithdrawal_ReferenceOverLimit_BadRequest400ExternalRefTooLong()
    {
        await using var node = await StartWithKey();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"v1/bridge/withdrawals/{Hash32.Compute("w"u8)}/confirm")
        {
            Content = JsonContent.Create(new WithdrawalConfirmRequest(new string('é', 65)), ApiJsonContext.Default.WithdrawalConfirmRequest),
        };
        request.Headers.Add(BridgeOptions.DefaultHeaderName, TestNode.BridgeKey);

        await (await node.Http.SendAsync(request)).ShouldBeProblemAsync(HttpStatusCode.BadRequest, ErrorCodes.ExternalRefTooLong);
    }

    [Fact]
    public async Task Deposit_PaddedReference_IsTheSameDepositMintedOnce()
    {
        await using var node = await StartWithKey();
        using var user = PrivateKey.Generate();
        var address = new Address(user.PublicKey);

        var first = await Deposit(node, "  l1-tx-9\t", address, "1000", TestNode.BridgeKey);
        var again = await Deposit(node, "l1-tx-9", address, "1000", TestNode.BridgeKey);
        var other = await Deposit(node, " l1-tx-9 ", address, "2000", TestNode.BridgeKey);

        first.StatusCode.ShouldBe(HttpStatusCode.OK, await first.Content.ReadAsStringAsync());
        (await again.Content.ReadAsStringAsync()).ShouldBe(await first.Content.ReadAsStringAsync());
        await other.ShouldBeProblemAsync(HttpStatusCode.Conflict, ErrorCodes.DuplicateDeposit);
        var balance = await node.Http.GetFromJsonAsync($"v1/addresses/{address}/balance", ApiJsonContext.Default.BalanceDto);
        balance!.Balance.ShouldBe("1000");
    }

    [Theory]
    [InlineData("foo")]
    [InlineData("celestia1qqqsyqcyq5rqwzqfpg9scrgwpugpzysnjuq2t6")] // checksum
    [InlineData("CELESTIA1QQQSYQCYQ5RQWZQFPG9SCRGWPUGPZYSNJUQ2T5")] // valid, but not canonical
    public async Task SubmitWithdrawal_MalformedL1Address_BadRequest400AndNothingBurned(string l1Address)
    {
        await using var node = await TestNode.StartAsync();
        var before = await node.Http.GetFromJsonAsync($"v1/addresses/{node.OwnerAddress}/balance", ApiJsonContext.Default.BalanceDto);
        var tx = new Fontana.Core.Transactions.TransactionBuilder(TestNode.ChainId, Fontana.Core.Transactions.TransactionKind.Withdrawal)
            .AddInput(node.Genesis.AllocationOutPoint(0)).WithFee(TestNode.MinFee).WithExternalRef(l1Address).Sign(node.Owner);

        var response = await node.Http.PostAsJsonAsync("v1/transactions", new SubmitTransactionRequest(TestNode.Base64(tx)), ApiJsonContext.Default.SubmitTransactionRequest);

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, ErrorCodes.BadL1Address);
        var after = await node.Http.GetFromJsonAsync($"v1/addresses/{node.OwnerAddress}/balance", ApiJsonContext.Default.BalanceDto);
        after!.Balance.ShouldBe(before!.Balance);
        (await node.Ledger.GetPendingWithdrawalsAsync()).ShouldBeEmpty();
    }

    private static Task<TestNode> StartWithKey() =>
        TestNode.StartAsync(new Dictionary<string, string?> { ["Fontana:Bridge:ApiKey"] = TestNode.BridgeKey });

    private static async Task<HttpResponseMessage> Deposit(TestNode node, string l1Ref, Address address, string amount, string? key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/bridge/deposits")
        {
            Content = JsonContent.Create(new BridgeDepositRequest(l1Ref, address.ToString(), amount), ApiJsonContext.Default.BridgeDepositRequest),
        };
        if (key is not null)
        {
            request.Headers.Add(BridgeOptions.DefaultHeaderName, key);
        }

        return await node.Http.SendAsync(request);
    }
}
