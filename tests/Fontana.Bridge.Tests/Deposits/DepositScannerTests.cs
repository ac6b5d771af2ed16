using Fontana.Bridge.Deposits;
using Fontana.Bridge.L1;
using Fontana.Bridge.Tests.L1;
using Fontana.Core;
using Fontana.Core.Crypto;
using Fontana.Core.Errors;
using Fontana.Testing;

namespace Fontana.Bridge.Tests.Deposits;

public sealed class DepositScannerTests : IAsyncLifetime
{
    private const int Confirmations = 3;
    private readonly TempDirectory _dir = new("deposits");
    private readonly LedgerLikeMinter _ledger = new();
    private readonly string _wallet = Address.FromPublicKey(PrivateKey.Generate().PublicKey).ToString();
    private L1Fixture _l1 = null!;
    private DepositStore _store = null!;

    public async Task InitializeAsync()
    {
        _l1 = await L1Fixture.StartAsync();
        _store = new DepositStore(_dir.Combine("bridge.db"));
    }

    public async Task DisposeAsync()
    {
        _store.Dispose();
        await _l1.DisposeAsync();
        _dir.Dispose();
    }

    private DepositScanner Scanner() => new(_l1.Query, _ledger, _store, L1Fixture.Vault, Confirmations);

    private void Restart()
    {
        _store.Dispose();
        _store = new DepositStore(_dir.Combine("bridge.db"));
    }

    [Fact]
    public async Task ScanOnce_WaitsForConfirmations_ThenMintsOnce()
    {
        var hash = _l1.Simulator.SendWithMemo(L1Fixture.User, L1Fixture.Vault, 5_000_000, _wallet);

        (await Scanner().ScanOnceAsync(CancellationToken.None)).ShouldBe(0);
        _store.ByTxHash(hash).Single().ShouldSatisfyAllConditions(d => d.Status.ShouldBe(DepositStatus.Seen), d => d.Confirmations.ShouldBe(1));
        _ledger.Calls.ShouldBe(0);

        _l1.Simulator.ProduceBlocks(Confirmations - 1);
        (await Scanner().ScanOnceAsync(CancellationToken.None)).ShouldBe(1);
        (await Scanner().ScanOnceAsync(CancellationToken.None)).ShouldBe(0);

        var record = _store.ByTxHash(hash).Single();
        record.Status.ShouldBe(DepositStatus.Minted);
        record.MintTxId.ShouldBe(_ledger.Minted[$"{hash}:0"].TxId.ToString());
        _ledger.Minted[$"{hash}:0"].To.ToString().ShouldBe(_wallet);
        _ledger.Supply.ShouldBe(5_000_000ul);
        _ledger.Calls.ShouldBe(1);
    }

    [Theory]
    [InlineData("")]
    [InlineData("hello")]
    [InlineData("celestia1qqqsyqcyq5rqwzqfpg9scrgwpugpzysnjuq2t5")]
    public async Task ScanOnce_BadMemo_UnclaimedNeverMinted(string memo)
    {
        var hash = _l1.Simulator.SendWithMemo(L1Fixture.User, L1Fixture.Vault, 7, memo);
        _l1.Simulator.ProduceBlocks(Confirmations);

        (await Scanner().ScanOnceAsync(CancellationToken.None)).ShouldBe(1);
        (await Scanner().ScanOnceAsync(CancellationToken.None)).ShouldBe(0);

        var record = _store.ByTxHash(hash).Single();
        record.Status.ShouldBe(DepositStatus.Unclaimed);
        record.Reason!.ShouldStartWith("memo is not a Fontana address");
        record.Utia.ShouldBe(7ul);
        _ledger.Calls.ShouldBe(0);
        _l1.Simulator.BalanceOf(L1Fixture.Vault).ShouldBe(7ul); // kept in the vault for a refund
    }

    [Fact]
    public async Task ScanOnce_CrashBetweenMintAndRecord_RestartMintsNothingNew()
    {
        var hash = _l1.Simulator.SendWithMemo(L1Fixture.User, L1Fixture.Vault, 3_000_000, _wallet);
        _l1.Simulator.ProduceBlocks(Confirmations);
        _ledger.CrashAfterMint = true;

        await Should.ThrowAsync<IOException>(() => Scanner().ScanOnceAsync(CancellationToken.None));
        _store.ByTxHash(hash).Single().Status.ShouldBe(DepositStatus.Seen);
        Restart();
        await Scanner().ScanOnceAsync(CancellationToken.None);

        _store.ByTxHash(hash).Single().Status.ShouldBe(DepositStatus.Minted);
        _ledger.Minted.Count.ShouldBe(1);
        _ledger.Supply.ShouldBe(3_000_000ul);
    }

    [Fact]
    public async Task ScanOnce_StoreLostAndRescannedFromZero_LedgerAnswersTheSameMint()
    {
        var hashes = Enumerable.Range(1, 4).Select(i => _l1.Simulator.SendWithMemo(L1Fixture.User, L1Fixture.Vault, (ulong)i * 1000, _wallet)).ToList();
        _l1.Simulator.ProduceBlocks(Confirmations);
        await Scanner().ScanOnceAsync(CancellationToken.None);
        var firstTxIds = _ledger.Minted.ToDictionary(m => m.Key, m => m.Value.TxId);

        _store.Dispose();
        File.Delete(_dir.Combine("bridge.db"));
        _store = new DepositStore(_dir.Combine("bridge.db"));
        await Scanner().ScanOnceAsync(CancellationToken.None);

        _ledger.Minted.Count.ShouldBe(4);
        _ledger.Supply.ShouldBe(10_000ul);
        hashes.ShouldAllBe(h => _store.ByTxHash(h).Single().MintTxId == firstTxIds[$"{h}:0"].ToString());
        // value conservation: what the vault holds on L1 is what was minted
        _l1.Simulator.BalanceOf(L1Fixture.Vault).ShouldBe(_ledger.Supply);
    }

    [Fact]
    public async Task ScanOnce_TransferIncludedAfterTheHeadWasRead_LeftForTheNextPassNotSeenWithZeroConfirmations()
    {
        string? late = null;
        using var http = new HttpClient(new AfterRequestHandler("blocks/latest",
            () => late ??= _l1.Simulator.SendWithMemo(L1Fixture.User, L1Fixture.Vault, 7, _wallet)));
        var query = new CosmosTxQueryClient(http, _l1.Options, TimeProvider.System);
        var scanner = new DepositScanner(query, _ledger, _store, L1Fixture.Vault, Confirmations);

        await scanner.ScanOnceAsync(CancellationToken.None);

        late.ShouldNotBeNull();
        _store.ByTxHash(late).ShouldBeEmpty(); // its block is above the head this pass read
        _store.Cursor.ShouldBeLessThan(_l1.Simulator.Height);
        await Scanner().ScanOnceAsync(CancellationToken.None);
        _store.ByTxHash(late).Single().Confirmations.ShouldBe(1);
    }

    /// <summary>Runs <paramref name="after"/> once a response to a URL containing <paramref name="path"/> has arrived:
    /// the L1 moves on between two requests of one pass.</summary>
    private sealed class AfterRequestHandler(string path, Action after) : DelegatingHandler(new HttpClientHandler())
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            if (request.RequestUri!.AbsoluteUri.Contains(path, StringComparison.Ordinal))
            {
                after();
            }

            return response;
        }
    }

    [Fact]
    public async Task ScanOnce_L1Down_FailsTransientThenCatchesUpInOrder()
    {
        var first = _l1.Simulator.SendWithMemo(L1Fixture.User, L1Fixture.Vault, 1, _wallet);
        var second = _l1.Simulator.SendWithMemo(L1Fixture.User, L1Fixture.Vault, 2, _wallet);
        _l1.Simulator.ProduceBlocks(Confirmations);
        _l1.Simulator.Options.Down = true;

        var e = await Should.ThrowAsync<L1Exception>(() => Scanner().ScanOnceAsync(CancellationToken.None));
        e.Code.ShouldBe(ErrorCodes.L1Unavailable);
        e.IsTransient.ShouldBeTrue();
        _ledger.Calls.ShouldBe(0);

        _l1.Simulator.Options.Down = false;
        (await Scanner().ScanOnceAsync(CancellationToken.None)).ShouldBe(2);
        _ledger.Minted.Keys.ShouldBe([$"{first}:0", $"{second}:0"]);
        _store.Cursor.ShouldBe(_l1.Simulator.Height);
    }

    [Fact]
    public async Task ScanOnce_IndexingDisabled_SaysSoWithACode()
    {
        _l1.Simulator.Options.IndexingDisabled = true;

        var e = await Should.ThrowAsync<L1Exception>(() => Scanner().ScanOnceAsync(CancellationToken.None));

        e.Code.ShouldBe(ErrorCodes.L1IndexDisabled);
    }
}
