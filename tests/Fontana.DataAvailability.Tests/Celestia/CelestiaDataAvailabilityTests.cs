using System.Text.Json;
using Fontana.Core;
using Fontana.DataAvailability.Celestia;
using Fontana.DataAvailability.Envelope;
using Fontana.DataAvailability.Tests.Support;

namespace Fontana.DataAvailability.Tests.Celestia;

public sealed class CelestiaDataAvailabilityTests : IAsyncLifetime
{
    private FakeCelestiaNode _node = null!;
    private readonly HttpClient _http = new();

    public async Task InitializeAsync() => _node = await FakeCelestiaNode.StartAsync();

    public async Task DisposeAsync()
    {
        _node.Violations.ShouldBeEmpty();
        await _node.DisposeAsync();
        _http.Dispose();
    }

    private CelestiaDataAvailability Da(Action<CelestiaOptions>? configure = null)
    {
        var options = _node.Options();
        configure?.Invoke(options);
        return new CelestiaDataAvailability(_http, options);
    }

    [Fact]
    public async Task PostAsync_SmallBlock_RoundTripsThroughGet()
    {
        var da = Da();
        var block = TestBlocks.Make(1, 500);

        var reference = await da.PostAsync(1, block);

        reference.Layer.ShouldBe("celestia");
        reference.Height.ShouldBe(_node.Head);
        reference.Namespace.ShouldBe("0000000000000f0a7a1a");
        reference.Commitments.Count.ShouldBe(1);
        (await da.GetAsync(reference)).ShouldBe(block);
        _node.CallCount("blob.Submit").ShouldBe(1);
    }

    [Fact]
    public async Task PostAsync_Submit_SendsCelestiaNodeWireShapes()
    {
        var da = Da(o => o.GasPrice = 0.004);
        await da.PostAsync(9, TestBlocks.Make(9, 100));

        var submit = _node.Calls.First(c => c.Method == "blob.Submit");
        using var doc = JsonDocument.Parse(submit.Params);
        var blob = doc.RootElement[0][0];
        var ns = blob.GetProperty("namespace").GetBytesFromBase64();
        Convert.ToHexStringLower(ns).ShouldBe("00" + new string('0', 36) + "0000000000000f0a7a1a");
        blob.GetProperty("share_version").GetInt32().ShouldBe(0);
        blob.GetProperty("index").GetInt32().ShouldBe(-1);
        blob.GetProperty("commitment").GetBytesFromBase64().Length.ShouldBe(32);
        DaEnvelope.Decode(blob.GetProperty("data").GetBytesFromBase64()).BlockHeight.ShouldBe(9ul);
        doc.RootElement[1].GetProperty("gas_price").GetDouble().ShouldBe(0.004);
        doc.RootElement[1].GetProperty("is_gas_price_set").GetBoolean().ShouldBeTrue();
    }

    [Fact]
    public async Task PostAsync_BlockOverBlobLimit_SplitsIntoSeveralBlobsOfOneSubmit()
    {
        var da = Da();
        var block = TestBlocks.Make(2, 3000); // 942-byte payloads under a 1000-byte blob limit: 4 blobs, 3232 bytes

        var reference = await da.PostAsync(2, block);

        _node.CallCount("blob.Submit").ShouldBe(1);
        reference.Commitments.Count.ShouldBe(4);
        reference.Commitments.ShouldAllBe(c => !c.Contains('@'));
        (await da.GetAsync(reference)).ShouldBe(block);
    }

    [Fact]
    public async Task PostAsync_BlockOverSubmitLimit_SpreadsOverHeightsAndReassembles()
    {
        var da = Da();
        var block = TestBlocks.Make(3, 10_000); // 11 blobs, at most 4 per submit: 3 submits

        var reference = await da.PostAsync(3, block);

        _node.CallCount("blob.Submit").ShouldBe(3);
        reference.Commitments.Count.ShouldBe(11);
        reference.Commitments.Count(c => c.Contains('@')).ShouldBe(7);
        DaReference.Parse(reference.ToString()).ShouldBe(reference);
        (await da.GetAsync(reference)).ShouldBe(block);
        var scanned = await da.ReadFromAsync(reference.Height).ToListAsync();
        scanned.Count.ShouldBe(1);
        scanned[0].Bytes.ToArray().ShouldBe(block);
        scanned[0].Reference.ShouldBe(reference);
    }

    [Fact]
    public async Task ReadFromAsync_BlocksAcrossHeightsWithJunkAndDuplicates_YieldsEachBlockOnceInOrder()
    {
        var da = Da();
        var start = _node.Head + 1;
        var references = new List<DaReference>();
        var ours = CelestiaNamespace.FromIdHex("0000000000000f0a7a1a");
        for (ulong h = 1; h <= 5; h++)
        {
            references.Add(await da.PostAsync(h, TestBlocks.Make(h, 300 + (int)h * 700)));
            _node.AdvanceHeight(h % 2);
            if (h == 2)
            {
                _node.Inject(ours, [1, 2, 3], "FNTDA1 but not an envelope"u8.ToArray());
                _node.Inject(CelestiaNamespace.FromIdHex("00000000000000000b0b"), DaEnvelope.Split(99, [9], 100)[0]);
            }
        }

        await Da().PostAsync(3, TestBlocks.Make(3, 300 + 2100)); // a retry after an ambiguous failure posts block 3 again

        var blocks = await da.ReadFromAsync(start).ToListAsync();

        blocks.Select(b => b.FontanaHeight).ShouldBe([1ul, 2, 3, 4, 5]);
        blocks.Select(b => b.Reference).ShouldBe(references);
        blocks.ShouldAllBe(b => b.Bytes.ToArray().SequenceEqual(TestBlocks.Make(b.FontanaHeight, 300 + ((int)b.FontanaHeight * 700))));
        var firstTwo = await da.ReadFromAsync(start, references[1].Height).ToListAsync();
        firstTwo.Select(b => b.FontanaHeight).ShouldBe([1ul, 2]);
    }

    [Fact]
    public async Task ReadFromAsync_EmptyRange_YieldsNothingAndStopsAtHead()
    {
        _node.AdvanceHeight(20);
        (await Da().ReadFromAsync(1).ToListAsync()).ShouldBeEmpty();
        _node.CallCount("blob.GetAll").ShouldBe((int)_node.Head);
    }

    [Fact]
    public async Task PostAsync_WrongToken_ThrowsDaAuth()
    {
        var options = _node.Options("not-the-token");
        var error = await Should.ThrowAsync<DataAvailabilityException>(new CelestiaDataAvailability(_http, options).PostAsync(1, new byte[] { 1 }));
        error.Code.ShouldBe("da-auth");
        error.IsTransient.ShouldBeFalse();
    }

    [Fact]
    public async Task PostAsync_NoToken_ThrowsDaAuthFromMissingPermission()
    {
        var error = await Should.ThrowAsync<DataAvailabilityException>(new CelestiaDataAvailability(_http, _node.Options(null)).PostAsync(1, new byte[] { 1 }));
        error.Code.ShouldBe("da-auth");
        error.Message.ShouldContain("missing permission");
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("{\"jsonrpc\":\"2.0\",\"id\":{id},\"result\":\"twelve\"}")]
    [InlineData("{\"jsonrpc\":\"2.0\",\"id\":{id},\"result\":-4}")]
    [InlineData("{\"jsonrpc\":\"2.0\",\"id\":{id}}")]
    [InlineData("{\"jsonrpc\":\"2.0\",\"id\":424242,\"result\":7}")]
    [InlineData("{\"jsonrpc\":\"1.0\",\"id\":{id},\"result\":7}")]
    [InlineData("[1,2,3]")]
    public async Task PostAsync_MalformedSubmitResponse_ThrowsDaBadResponse(string body)
    {
        _node.Script("blob.Submit", id => body.Replace("{id}", id.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));
        var error = await Should.ThrowAsync<DataAvailabilityException>(Da().PostAsync(1, new byte[] { 1, 2, 3 }));
        error.Code.ShouldBe("da-bad-response");
        error.IsTransient.ShouldBeTrue();
    }

    [Theory]
    [InlineData("{\"jsonrpc\":\"2.0\",\"id\":{id},\"result\":[{\"namespace\":\"AAAA\",\"data\":\"AQ==\",\"share_version\":0,\"commitment\":\"AQ==\",\"index\":3}]}")]
    [InlineData("{\"jsonrpc\":\"2.0\",\"id\":{id},\"result\":[{\"namespace\":\"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\",\"share_version\":0,\"commitment\":\"AQ==\"}]}")]
    [InlineData("{\"jsonrpc\":\"2.0\",\"id\":{id},\"result\":[{\"namespace\":\"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\",\"data\":\"not base64!\",\"share_version\":0,\"commitment\":\"AQ==\"}]}")]
    [InlineData("{\"jsonrpc\":\"2.0\",\"id\":{id},\"result\":[{\"namespace\":\"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\",\"data\":\"AQ==\",\"share_version\":\"0\",\"commitment\":\"AQ==\"}]}")]
    [InlineData("{\"jsonrpc\":\"2.0\",\"id\":{id},\"result\":[{\"namespace\":\"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\",\"data\":\"AQ==\",\"share_version\":0,\"commitment\":\"AQ==\",\"index\":\"3\"}]}")]
    [InlineData("{\"jsonrpc\":\"2.0\",\"id\":{id},\"result\":[7]}")]
    [InlineData("{\"jsonrpc\":\"2.0\",\"id\":{id},\"result\":{\"blobs\":[]}}")]
    [InlineData("{\"jsonrpc\":\"2.0\",\"id\":{id},\"result\":[]}")]
    public async Task PostAsync_MalformedOrEmptyGetAllAfterSubmit_ThrowsDaBadResponse(string body)
    {
        _node.Script("blob.GetAll", id => body.Replace("{id}", id.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));
        var error = await Should.ThrowAsync<DataAvailabilityException>(Da().PostAsync(1, new byte[] { 1, 2, 3 }));
        error.Code.ShouldBe("da-bad-response");
    }

    [Theory]
    [InlineData(FakeFailure.Http500, "da-unavailable")]
    [InlineData(FakeFailure.ConnectionReset, "da-unavailable")]
    [InlineData(FakeFailure.Hang, "da-unavailable")]
    [InlineData(FakeFailure.RpcError, "da-rpc-error")]
    public async Task PostAsync_NodeFails_ThrowsTransientCode(FakeFailure failure, string code)
    {
        _node.FailNext(1, failure);
        // Only the hanging node needs a short timeout (it never answers); every other case gets an answer, and under
        // load the first answer can take longer than 300 ms — a short timeout there turned an RPC error into a timeout.
        var timeout = failure == FakeFailure.Hang ? TimeSpan.FromMilliseconds(300) : TimeSpan.FromSeconds(60);
        var da = Da(o => o.RequestTimeout = timeout);

        var error = await Should.ThrowAsync<DataAvailabilityException>(da.PostAsync(1, new byte[] { 1, 2, 3 }));

        error.Code.ShouldBe(code);
        error.IsTransient.ShouldBeTrue();
        (await da.PostAsync(1, new byte[] { 1, 2, 3 })).Height.ShouldBe(_node.Head);
    }

    [Fact]
    public async Task PostAsync_LaterSubmitFails_RetryResumesWithoutRepostingEarlierChunks()
    {
        var da = Da(o => o.VerifyAfterSubmit = false);
        var block = TestBlocks.Make(4, 10_000);
        _node.FailNext(1, FakeFailure.Http500, skip: 1);

        await Should.ThrowAsync<DataAvailabilityException>(da.PostAsync(4, block));
        var reference = await da.PostAsync(4, block);

        _node.CallCount("blob.Submit").ShouldBe(3); // the failed call never reached the method
        (await da.GetAsync(reference)).ShouldBe(block);
    }

    [Fact]
    public async Task PostAsync_SameBlockAgain_ReturnsSameReference_LowerHeightIsOutOfOrder()
    {
        var da = Da();
        var first = await da.PostAsync(10, new byte[] { 1, 2 });

        (await da.PostAsync(10, new byte[] { 1, 2 })).ShouldBe(first);
        _node.CallCount("blob.Submit").ShouldBe(1);
        (await Should.ThrowAsync<DataAvailabilityException>(da.PostAsync(9, new byte[] { 3 }))).Code.ShouldBe("da-out-of-order");
        (await Should.ThrowAsync<DataAvailabilityException>(da.PostAsync(10, new byte[] { 3 }))).Code.ShouldBe("da-out-of-order");
    }

    [Fact]
    public async Task GetAsync_UnknownOrPartlyMissing_ReturnsNullOrThrowsNotFound()
    {
        var da = Da();
        var reference = await da.PostAsync(1, TestBlocks.Make(1, 1500)); // 2 chunks
        var fake = Convert.ToBase64String(new byte[32]);

        (await da.GetAsync(new DaReference("celestia", reference.Height, reference.Namespace, [fake, fake]))).ShouldBeNull();
        var partial = new DaReference("celestia", reference.Height, reference.Namespace, [reference.Commitments[0], fake]);
        (await Should.ThrowAsync<DataAvailabilityException>(da.GetAsync(partial))).Code.ShouldBe("da-not-found");
        var wrongCount = new DaReference("celestia", reference.Height, reference.Namespace, [reference.Commitments[0]]);
        (await Should.ThrowAsync<DataAvailabilityException>(da.GetAsync(wrongCount))).Code.ShouldBe("da-corrupt");
    }

    [Fact]
    public async Task GetAsync_TamperedEnvelope_ThrowsDaCorrupt()
    {
        var ns = CelestiaNamespace.FromIdHex("0000000000000f0a7a1a");
        var envelope = DaEnvelope.Split(5, TestBlocks.Make(5, 200), 1000)[0];
        envelope[^1] ^= 0xFF;
        var height = _node.Inject(ns, envelope);
        var reference = new DaReference("celestia", height, "0000000000000f0a7a1a", [Convert.ToBase64String(ShareCommitment.Compute(ns, envelope))]);

        (await Should.ThrowAsync<DataAvailabilityException>(Da().GetAsync(reference))).Code.ShouldBe("da-corrupt");
        (await Da().ReadFromAsync(height).ToListAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task GetHeadAsync_AndHeaderByHeight_ReadExtendedHeaderHeights()
    {
        var da = Da();
        _node.AdvanceHeight(5);
        (await da.GetHeadAsync()).ShouldBe(_node.Head);
        (await da.GetHeaderHeightAsync(42)).ShouldBe(42ul);
        var error = await Should.ThrowAsync<DataAvailabilityException>(da.GetHeaderHeightAsync(_node.Head + 10));
        error.Code.ShouldBe("da-syncing");
        error.Message.ShouldContain("from the future");
    }
}
