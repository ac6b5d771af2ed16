using System.Text.Json;
using Fontana.DataAvailability.Celestia;
using Fontana.DataAvailability.Tests.Support;
using Polly;

namespace Fontana.DataAvailability.Tests.Celestia;

/// <summary>The Celestia layer against the behaviour of a real celestia-node (head lag, lost answers, pruning, syncing,
/// size and fee refusals, foreign blobs), through the same retry pipeline the DA poster uses.</summary>
public sealed class CelestiaRealityTests : IAsyncLifetime
{
    private static readonly byte[] Ours = CelestiaNamespace.FromIdHex("0000000000000f0a7a1a");
    private readonly HttpClient _http = new();
    private FakeCelestiaNode _node = null!;

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
        options.ScanRetryDelay = TimeSpan.FromMilliseconds(1);
        configure?.Invoke(options);
        return new CelestiaDataAvailability(_http, options);
    }

    private static ResiliencePipeline Pipeline(int retries = 5) => DaRetryPolicy.Create(new DaRetryOptions
    {
        MaxRetryAttempts = retries,
        BaseDelay = TimeSpan.FromMilliseconds(1),
        MaxDelay = TimeSpan.FromMilliseconds(2),
        UseJitter = false,
    });

    [Fact]
    public async Task PostAsync_ReadBackFailsAfterInclusion_RetriesOnlyTheReadBack_SubmitsOnce()
    {
        _node.LagAfterSubmit = true;
        _node.FailMethod("blob.GetAll", 3, "header: not found");
        var da = Da();
        var block = TestBlocks.Make(4, 2500); // three blobs in one submit

        var reference = await Pipeline().ExecuteAsync(async ct => await da.PostAsync(4, block, ct));

        _node.CallCount("blob.Submit").ShouldBe(1);
        _node.CallCount("blob.GetAll").ShouldBe(4);
        _node.CallCount("header.WaitForHeight").ShouldBe(4);
        reference.Height.ShouldBe(_node.Head);
        (await da.GetAsync(reference)).ShouldBe(block);
    }

    [Fact]
    public async Task PostAsync_SubmitLandsButItsAnswerIsLost_NeverSubmitsAgainWhileUnsure_FindsTheBlobs()
    {
        _node.FailNext(1, FakeFailure.LoseAnswer, skip: 1); // header.LocalHead goes through, the submit's answer is lost
        _node.LagAfterSubmit = true;
        var da = Da();
        var block = TestBlocks.Make(8, 700);

        (await Should.ThrowAsync<DataAvailabilityException>(da.PostAsync(8, block))).Code.ShouldBe("da-unavailable");
        var syncing = await Should.ThrowAsync<DataAvailabilityException>(da.PostAsync(8, block));
        syncing.Code.ShouldBe("da-syncing", "the node has not synced the heights where the lost submit may be: no second submit");
        _node.CatchUp();
        var reference = await da.PostAsync(8, block);

        _node.CallCount("blob.Submit").ShouldBe(1);
        reference.Height.ShouldBe(101ul);
        (await da.GetAsync(reference)).ShouldBe(block);
    }

    [Fact]
    public async Task PostAsync_OverTheNetworksMaxTxSize_FailsDaTooLarge_WithoutRetrying()
    {
        _node.MaxTxSize = 3000;
        var da = Da();

        var error = await Should.ThrowAsync<DataAvailabilityException>(Pipeline().ExecuteAsync(async ct => await da.PostAsync(1, TestBlocks.Make(1, 3500), ct)).AsTask());

        error.Code.ShouldBe("da-too-large");
        error.IsTransient.ShouldBeFalse();
        DaErrorCodes.StopsPosting(error.Code).ShouldBeTrue();
        error.Message.ShouldContain("MaxTxSize");
        _node.CallCount("blob.Submit").ShouldBe(1);
    }

    [Fact]
    public async Task PostAsync_GasPriceBelowTheNodesMinimum_FailsDaFeeTooLow_WithoutRetrying()
    {
        var da = Da(o => o.GasPrice = 0.001);

        var error = await Should.ThrowAsync<DataAvailabilityException>(Pipeline().ExecuteAsync(async ct => await da.PostAsync(1, TestBlocks.Make(1, 100), ct)).AsTask());

        error.Code.ShouldBe("da-fee-too-low");
        error.Message.ShouldContain("insufficient fee code: 13");
        _node.CallCount("blob.Submit").ShouldBe(1);
    }

    [Fact]
    public async Task PostAsync_TxConfig_IsCelestiaNodesJsonTxConfig()
    {
        await Da(o =>
        {
            o.GasPrice = 0.004;
            o.MaxGasPrice = 0.2;
            o.TxPriority = CelestiaTxPriority.High;
        }).PostAsync(1, TestBlocks.Make(1, 100));
        await Da().PostAsync(2, TestBlocks.Make(2, 100));

        var submits = _node.Calls.Where(c => c.Method == "blob.Submit").Select(c => JsonDocument.Parse(c.Params).RootElement[1]).ToList();
        submits[0].GetProperty("gas_price").GetDouble().ShouldBe(0.004);
        submits[0].GetProperty("is_gas_price_set").GetBoolean().ShouldBeTrue();
        submits[0].GetProperty("max_gas_price").GetDouble().ShouldBe(0.2);
        submits[0].GetProperty("tx_priority").GetInt32().ShouldBe(3);
        submits[1].GetRawText().ShouldBe("""{"max_gas_price":0}""");
    }

    [Fact]
    public async Task ReadFromAsync_HeaderGapAndSyncing_AreRetriedPerHeight_NeverReadAsAbsence()
    {
        var da = Da(o => o.ScanConcurrency = 1);
        var references = new List<Fontana.Core.DaReference>();
        for (ulong h = 1; h <= 3; h++)
        {
            references.Add(await da.PostAsync(h, TestBlocks.Make(h, 300)));
        }

        _node.FailMethod("blob.GetAll", 2, "header: not found");
        _node.FailMethod("blob.GetAll", 1, "header: syncing in progress: localHeadHeight: 101, requestedHeight: 102");

        var blocks = await da.ReadFromAsync(references[0].Height).ToListAsync();

        blocks.Select(b => b.FontanaHeight).ShouldBe([1ul, 2, 3]);
    }

    [Fact]
    public async Task ReadFromAsync_HeightStillFailingAfterItsAttempts_StopsNamingTheHeight()
    {
        var da = Da(o =>
        {
            o.ScanConcurrency = 1;
            o.ScanAttemptsPerHeight = 3;
        });
        var first = await da.PostAsync(1, TestBlocks.Make(1, 300));
        _node.FailMethod("blob.GetAll", 3, "header: not found");

        var error = await Should.ThrowAsync<DataAvailabilityException>(async () => await da.ReadFromAsync(first.Height).ToListAsync());

        error.Code.ShouldBe("da-rpc-error");
        error.Message.ShouldContain($"Celestia height {first.Height}");
        error.Message.ShouldContain("after 3 attempts");
    }

    [Fact]
    public async Task ReadFromAsync_PrunedHeight_FailsDaPrunedNamingTheHeight()
    {
        var da = Da(o => o.ScanConcurrency = 1);
        var first = await da.PostAsync(1, TestBlocks.Make(1, 300));
        await da.PostAsync(2, TestBlocks.Make(2, 300));
        _node.Tail = first.Height + 1;
        var before = _node.CallCount("blob.GetAll");

        var error = await Should.ThrowAsync<DataAvailabilityException>(async () => await da.ReadFromAsync(first.Height).ToListAsync());

        error.Code.ShouldBe("da-pruned");
        error.Message.ShouldContain($"Celestia height {first.Height} is pruned");
        error.Message.ShouldContain("archival");
        (_node.CallCount("blob.GetAll") - before).ShouldBe(1, "a pruned height is not retried");
    }

    [Fact]
    public async Task ReadFromAsync_ForeignBlobsOfShareVersion1InOurNamespace_AreSkipped()
    {
        var da = Da();
        var foreign = _node.InjectShareVersion1(Ours, [1, 2, 3, 4], new byte[20]);
        var reference = await da.PostAsync(1, TestBlocks.Make(1, 300));

        var blocks = await da.ReadFromAsync(foreign).ToListAsync();

        blocks.Single().Reference.ShouldBe(reference);
    }

    [Fact]
    public async Task GetHeadAsync_IsTheNodesLocalHead_NotTheNetworkHead()
    {
        _node.LagAfterSubmit = true;
        var rpc = new CelestiaRpcClient(_http, _node.Options(), TimeProvider.System);
        await rpc.SubmitAsync([new CelestiaBlob(Ours, [1, 2, 3], 0, ShareCommitment.Compute(Ours, [1, 2, 3]))], CancellationToken.None);

        (await Da().GetHeadAsync()).ShouldBe(_node.Head - 1);
        _node.CatchUp();
        (await Da().GetHeadAsync()).ShouldBe(_node.Head);
    }
}
