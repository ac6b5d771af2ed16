using System.Net;
using System.Net.Http.Json;
using System.Text;
using Fontana.Core;
using Fontana.Core.Api;
using Fontana.Core.Errors;
using Fontana.Core.Crypto;
using Fontana.Core.Merkle;
using Fontana.Node.Tests.Support;

namespace Fontana.Node.Tests.Api;

/// <summary>The v1 API against a real node on Kestrel (SQLite store, local DA).</summary>
public sealed class NodeApiTests : IAsyncLifetime
{
    private TestNode _node = null!;

    public async Task InitializeAsync() => _node = await TestNode.StartAsync();

    public async Task DisposeAsync() => await _node.DisposeAsync();

    private HttpClient Http => _node.Http;

    [Fact]
    public async Task GetInfo_NewChain_DescribesGenesisAndTip()
    {
        var info = await Http.GetFromJsonAsync("v1/info", ApiJsonContext.Default.NodeInfo);

        info!.ChainId.ShouldBe(TestNode.ChainId);
        info.Network.ShouldBe("fontana:" + TestNode.ChainId);
        info.GenesisHash.ShouldBe(_node.Genesis.Hash.ToString());
        info.MinFee.ShouldBe("100");
        info.BlockIntervalMs.ShouldBe(3_600_000);
        info.Tip.Height.ShouldBe(0UL);
    }

    [Fact]
    public async Task SubmitTransfer_ThenSeal_StatusReceiptProofsAndStateFollow()
    {
        using var recipientKey = PrivateKey.Generate();
        var recipient = new Address(recipientKey.PublicKey);
        var tx = _node.Transfer(0, recipient, Amount.FromTia(1));

        var submit = await Http.PostAsJsonAsync("v1/transactions", new SubmitTransactionRequest(TestNode.Base64(tx)), ApiJsonContext.Default.SubmitTransactionRequest);
        submit.StatusCode.ShouldBe(HttpStatusCode.OK, await submit.Content.ReadAsStringAsync());
        var receipt = await submit.Content.ReadFromJsonAsync(ApiJsonContext.Default.ReceiptDto);
        receipt!.TxId.ShouldBe(tx.TxId.ToString());

        var pending = await Http.GetFromJsonAsync($"v1/transactions/{tx.TxId}", ApiJsonContext.Default.TransactionStatusDto);
        pending!.Status.ShouldBe("pending");
        pending.Final.ShouldBeNull();
        await (await Http.GetAsync($"v1/transactions/{tx.TxId}/proof")).ShouldBeProblemAsync(HttpStatusCode.NotFound, ErrorCodes.NotSealed);

        var block = await _node.Ledger.SealAsync();

        var sealedTx = await Http.GetFromJsonAsync($"v1/transactions/{tx.TxId}", ApiJsonContext.Default.TransactionStatusDto);
        sealedTx!.Status.ShouldBeOneOf("sealed", "posted");
        sealedTx.Final!.BlockHeight.ShouldBe(block.Height);
        sealedTx.Final.BlockHash.ShouldBe(block.Hash.ToString());
        var proof = await Http.GetFromJsonAsync($"v1/transactions/{tx.TxId}/proof", ApiJsonContext.Default.TxProofDto);
        MerkleInclusionProof.Decode(Convert.FromBase64String(proof!.Proof)).Verify(tx.TxId, Hash32.Parse(proof.TxRoot)).ShouldBeTrue();
        proof.TxRoot.ShouldBe(block.Header.TxRoot.ToString());

        var spent = await Http.GetFromJsonAsync($"v1/utxos/{_node.Genesis.AllocationOutPoint(0)}", ApiJsonContext.Default.UtxoStatusDto);
        spent!.Status.ShouldBe("spent");
        spent.SpentBy.ShouldBe(tx.TxId.ToString());
        var paid = await Http.GetFromJsonAsync($"v1/utxos/{tx.TxId}:0", ApiJsonContext.Default.UtxoStatusDto);
        paid!.Status.ShouldBe("unspent");
        paid.Amount.ShouldBe("1000000");
        paid.Address.ShouldBe(recipient.ToString());
        (await Http.GetFromJsonAsync($"v1/utxos/{tx.TxId}:9", ApiJsonContext.Default.UtxoStatusDto))!.Status.ShouldBe("unknown");

        var included = await Http.GetFromJsonAsync($"v1/utxos/{tx.TxId}:0/proof", ApiJsonContext.Default.UtxoProofDto);
        included!.Included.ShouldBeTrue();
        included.StateRoot.ShouldBe(block.Header.StateRoot.ToString());
        var provenHeader = Fontana.Core.Encoding.BlockHeaderCodec.Decode(Convert.FromBase64String(included.Header!.Encoded));
        provenHeader.StateRoot.ShouldBe(Hash32.Parse(included.StateRoot));
        provenHeader.Height.ShouldBe(included.BlockHeight);
        provenHeader.VerifySignature(_node.Genesis.SequencerPublicKey).ShouldBeTrue();
        SmtProof.Decode(Convert.FromBase64String(included.Proof))
            .Verify(Hash32.Parse(included.StateRoot), Hash32.Parse(included.StateKey), Hash32.Parse(included.Value!)).ShouldBeTrue();
        var excluded = await Http.GetFromJsonAsync($"v1/utxos/{_node.Genesis.AllocationOutPoint(0)}/proof", ApiJsonContext.Default.UtxoProofDto);
        excluded!.Included.ShouldBeFalse();
        SmtProof.Decode(Convert.FromBase64String(excluded.Proof))
            .Verify(Hash32.Parse(excluded.StateRoot), Hash32.Parse(excluded.StateKey), null).ShouldBeTrue();

        var balance = await Http.GetFromJsonAsync($"v1/addresses/{recipient}/balance", ApiJsonContext.Default.BalanceDto);
        balance!.Balance.ShouldBe("1000000");
        balance.UtxoCount.ShouldBe(1);
        var ownerUtxos = await Http.GetFromJsonAsync($"v1/addresses/{_node.OwnerAddress}/utxos", ApiJsonContext.Default.AddressUtxosDto);
        ownerUtxos!.Utxos.Count.ShouldBe(TestNode.AllocationCount);
        ownerUtxos.Utxos.ShouldContain(u => u.OutPoint == $"{tx.TxId}:1" && u.Amount == "8999900");
    }

    [Fact]
    public async Task Blocks_AfterSeal_LatestByHeightAndHeadersAgree()
    {
        var sealedBlock = await _node.Ledger.SealAsync();

        var latest = await Http.GetFromJsonAsync("v1/blocks/latest", ApiJsonContext.Default.BlockDto);
        var byHeight = await Http.GetFromJsonAsync($"v1/blocks/{sealedBlock.Height}", ApiJsonContext.Default.BlockDto);
        var tip = await Http.GetFromJsonAsync("v1/headers/tip", ApiJsonContext.Default.HeaderDto);
        var header = await Http.GetFromJsonAsync($"v1/headers/{sealedBlock.Height}", ApiJsonContext.Default.HeaderDto);

        latest!.Header.Height.ShouldBe(sealedBlock.Height);
        byHeight!.Header.Hash.ShouldBe(sealedBlock.Hash.ToString());
        byHeight.TxIds.ShouldBeEmpty();
        tip.ShouldBe(header);
        Hash32.Compute(Convert.FromBase64String(header!.Encoded).AsSpan()).ShouldNotBe(Hash32.Zero);
        await (await Http.GetAsync("v1/blocks/999")).ShouldBeProblemAsync(HttpStatusCode.NotFound, ErrorCodes.NotFound);
        await (await Http.GetAsync("v1/headers/-1")).ShouldBeProblemAsync(HttpStatusCode.BadRequest, ErrorCodes.BadHeight);
    }

    [Fact]
    public async Task Submit_SameTransactionTwice_SameReceipt()
    {
        var tx = TestNode.Base64(_node.Transfer(1, _node.OwnerAddress, Amount.FromTia(2)));

        var first = await Submit(tx);
        var second = await Submit(tx);

        first.StatusCode.ShouldBe(HttpStatusCode.OK);
        second.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await second.Content.ReadAsStringAsync()).ShouldBe(await first.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Submit_ConflictingSpend_Conflict409InputSpent()
    {
        using var other = PrivateKey.Generate();
        (await Submit(TestNode.Base64(_node.Transfer(2, _node.OwnerAddress, Amount.FromTia(1))))).StatusCode.ShouldBe(HttpStatusCode.OK);

        var conflicting = await Submit(TestNode.Base64(_node.Transfer(2, new Address(other.PublicKey), Amount.FromTia(1))));

        await conflicting.ShouldBeProblemAsync(HttpStatusCode.Conflict, "input-spent");
    }

    [Fact]
    public async Task Submit_SpendingUnknownOutput_Unprocessable422()
    {
        var tx = _node.Transfer(new OutPoint(Hash32.Compute("nowhere"u8), 0), Amount.FromTia(1), _node.OwnerAddress, Amount.FromUtia(500));

        await (await Submit(TestNode.Base64(tx))).ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "input-not-found");
    }

    [Theory]
    [InlineData("{\"transaction\": ", ErrorCodes.MalformedJson)]
    [InlineData("[1,2,3]", ErrorCodes.MalformedJson)]
    [InlineData("{\"transaction\": \"***not base64***\"}", ErrorCodes.BadBase64)]
    [InlineData("{\"transaction\": \"\"}", ErrorCodes.MalformedJson)]
    [InlineData("{\"transaction\": \"AQECAwQ=\"}", "bad-chain-id")]
    [InlineData("{\"transaction\": \"AAECAwQ=\"}", "bad-version")]
    public async Task Submit_MalformedBody_BadRequestWithCode(string body, string code)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");

        var response = await Http.PostAsync("v1/transactions", content);

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, code);
    }

    [Fact]
    public async Task Submit_TruncatedTransaction_BadRequestTruncated()
    {
        var bytes = Fontana.Core.Encoding.TransactionCodec.Encode(_node.Transfer(3, _node.OwnerAddress, Amount.FromTia(1)));

        var response = await Submit(Convert.ToBase64String(bytes.AsSpan(0, bytes.Length - 10)));

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "truncated");
    }

    [Fact]
    public async Task Submit_OversizedBody_PayloadTooLarge413()
    {
        var huge = "{\"transaction\": \"" + new string('A', 200_000) + "\"}";
        using var content = new StringContent(huge, Encoding.UTF8, "application/json");

        var response = await Http.PostAsync("v1/transactions", content);

        await response.ShouldBeProblemAsync(HttpStatusCode.RequestEntityTooLarge, ErrorCodes.PayloadTooLarge);
    }

    [Fact]
    public async Task Submit_OversizedChunkedBody_PayloadTooLarge413()
    {
        var huge = Encoding.UTF8.GetBytes("{\"transaction\": \"" + new string('A', 200_000) + "\"}");
        using var content = new StreamContent(new MemoryStream(huge));
        content.Headers.ContentType = new("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/transactions") { Content = content };
        request.Headers.TransferEncodingChunked = true;

        var response = await Http.SendAsync(request);

        await response.ShouldBeProblemAsync(HttpStatusCode.RequestEntityTooLarge, ErrorCodes.PayloadTooLarge);
    }

    [Theory]
    [InlineData("v1/transactions/abc", HttpStatusCode.BadRequest, ErrorCodes.BadTxId)]
    [InlineData("v1/transactions/0000000000000000000000000000000000000000000000000000000000000000", HttpStatusCode.NotFound, ErrorCodes.NotFound)]
    [InlineData("v1/transactions/0000000000000000000000000000000000000000000000000000000000000000/proof", HttpStatusCode.NotFound, ErrorCodes.NotFound)]
    [InlineData("v1/utxos/nope", HttpStatusCode.BadRequest, ErrorCodes.BadOutPoint)]
    [InlineData("v1/utxos/0000000000000000000000000000000000000000000000000000000000000000:99999/proof", HttpStatusCode.BadRequest, ErrorCodes.BadOutPoint)]
    [InlineData("v1/addresses/fnt1xyz/balance", HttpStatusCode.BadRequest, ErrorCodes.BadAddress)]
    [InlineData("v1/addresses/bogus/utxos", HttpStatusCode.BadRequest, ErrorCodes.BadAddress)]
    [InlineData("v1/blocks/abc", HttpStatusCode.BadRequest, ErrorCodes.BadHeight)]
    public async Task Get_BadOrUnknownKey_ProblemWithCode(string path, HttpStatusCode status, string code)
    {
        await (await Http.GetAsync(path)).ShouldBeProblemAsync(status, code);
    }

    [Fact]
    public async Task OpenApi_Document_ListsTheV1Endpoints()
    {
        var document = await Http.GetStringAsync("openapi/v1.json");

        document.ShouldContain("/v1/transactions");
        document.ShouldContain("/v1/addresses/{address}/balance");
        document.ShouldContain("/v1/bridge/deposits");
        document.ShouldContain("/v1/sessions/{id}");
    }

    [Fact]
    public async Task Metrics_AfterSubmitAndSeal_PrometheusTextHasNodeInstruments()
    {
        (await Submit(TestNode.Base64(_node.Transfer(0, _node.OwnerAddress, Amount.FromTia(1))))).EnsureSuccessStatusCode();
        await Submit("AAAA");
        await _node.Ledger.SealAsync();

        var response = await Http.GetAsync("metrics");
        var text = await response.Content.ReadAsStringAsync();

        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/plain");
        text.ShouldContain("fontana_tx_submitted_total{otel_scope_name=\"Fontana.Node\",result=\"accepted\"} 1");
        text.ShouldContain("fontana_tx_rejections_total{otel_scope_name=\"Fontana.Node\",code=");
        text.ShouldContain("fontana_tx_apply_seconds_bucket");
        text.ShouldContain("fontana_block_height{otel_scope_name=\"Fontana.Node\"} 1");
        text.ShouldContain("fontana_block_transactions_bucket");
        text.ShouldContain("fontana_da_alert{otel_scope_name=\"Fontana.Node\"} 0");
        text.ShouldContain("fontana_da_backlog_blocks");
    }

    [Fact]
    public async Task Health_OpenLedger_LiveAndReady()
    {
        (await Http.GetAsync("health/live")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var ready = await Http.GetAsync("health/ready");
        ready.StatusCode.ShouldBe(HttpStatusCode.OK, await ready.Content.ReadAsStringAsync());
    }

    private Task<HttpResponseMessage> Submit(string base64) =>
        Http.PostAsJsonAsync("v1/transactions", new SubmitTransactionRequest(base64), ApiJsonContext.Default.SubmitTransactionRequest);
}
