using Fontana.Core;
using Fontana.Core.Crypto;
using Fontana.Ledger;
using Fontana.Ledger.Genesis;
using Microsoft.Extensions.Time.Testing;

namespace Fontana.AspNetCore.Tests.Support;

/// <summary>
/// A real ledger on a SQLite file in a temp directory: genesis gives each of <see cref="Payers"/> one coin of
/// <see cref="CoinAmount"/>; the provider's address starts empty.
/// </summary>
internal sealed class TestChain : IAsyncDisposable
{
    public const string ChainId = "fontana-test";

    public static readonly Amount MinFee = Amount.FromUtia(100);

    public static readonly Amount CoinAmount = Amount.FromTia(1);

    private readonly string _directory;

    private TestChain(string directory, Ledger.LedgerEngine ledger, GenesisDocument genesis, PrivateKey sequencer, IReadOnlyList<PrivateKey> payers, PrivateKey provider, FakeTimeProvider time)
    {
        _directory = directory;
        Ledger = ledger;
        Genesis = genesis;
        Sequencer = sequencer;
        Payers = payers;
        Provider = provider;
        Time = time;
    }

    public Ledger.LedgerEngine Ledger { get; }

    public GenesisDocument Genesis { get; }

    public PrivateKey Sequencer { get; }

    /// <summary>Wallets funded at genesis, one coin each (allocation index = payer index).</summary>
    public IReadOnlyList<PrivateKey> Payers { get; }

    /// <summary>The provider's receiving wallet (not funded).</summary>
    public PrivateKey Provider { get; }

    public Address ProviderAddress => new(Provider.PublicKey);

    /// <summary>The clock of the ledger, the facilitator and the provider: it starts at the real time (so genesis and
    /// challenge times look current) and moves only when a test advances it.</summary>
    public FakeTimeProvider Time { get; }

    public string Network => "fontana:" + ChainId;

    public static async Task<TestChain> StartAsync(int payerCount = 16)
    {
        var directory = Path.Combine(Path.GetTempPath(), "fontana-aspnetcore-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var time = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        var sequencer = PrivateKey.Generate();
        var bridge = PrivateKey.Generate();
        var provider = PrivateKey.Generate();
        var payers = new List<PrivateKey>(payerCount);
        var allocations = new List<GenesisAllocation>(payerCount);
        for (var i = 0; i < payerCount; i++)
        {
            var payer = PrivateKey.Generate();
            payers.Add(payer);
            allocations.Add(new GenesisAllocation(new Address(payer.PublicKey), CoinAmount));
        }

        var now = time.GetUtcNow();
        var timestamp = DateTimeOffset.FromUnixTimeMilliseconds(now.ToUnixTimeMilliseconds() - 1000);
        var genesis = new GenesisDocument(
            ChainId, timestamp, sequencer.PublicKey, bridge.PublicKey, new Address(PrivateKey.Generate().PublicKey), MinFee,
            TimeSpan.FromSeconds(6), allocations);
        var ledger = await LedgerHost.OpenAsync(new LedgerOptions
        {
            SqlitePath = Path.Combine(directory, "ledger.db"),
            Genesis = genesis,
            SequencerKey = sequencer,
            BridgeAuthorityKey = bridge,
            TimeProvider = time,
            VerifierCount = 2,
        });
        return new TestChain(directory, ledger, genesis, sequencer, payers, provider, time);
    }

    /// <summary>Payer <paramref name="index"/>'s genesis coin.</summary>
    public OutPoint CoinOf(int index) => Genesis.AllocationOutPoint(index);

    public Address AddressOf(int index) => new(Payers[index].PublicKey);

    public async ValueTask DisposeAsync()
    {
        await Ledger.DisposeAsync();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still being released by SQLite: the temp directory is cleaned up later.
        }
    }
}
