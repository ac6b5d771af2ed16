using Fontana.Core;
using Fontana.Core.Crypto;
using Fontana.Core.Encoding;
using Fontana.Core.Transactions;
using Fontana.Ledger;
using Fontana.Ledger.Genesis;
using Fontana.Node.Chain;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Fontana.Node.Tests.Support;

/// <summary>
/// A full node (AddFontanaNode / MapFontanaNode) on real Kestrel over a fresh data dir: SQLite store, local DA by
/// default, a genesis funding <see cref="Owner"/> with <see cref="AllocationCount"/> outputs of 10 TIA.
/// </summary>
internal sealed class TestNode : IAsyncDisposable
{
    public const string ChainId = "fontana-test";
    public const string BridgeKey = "test-bridge-key-0123456789";
    public const int AllocationCount = 4;
    public static readonly Amount AllocationAmount = Amount.FromTia(10);
    public static readonly Amount MinFee = Amount.FromUtia(100);

    private readonly bool _ownsDir;

    private TestNode(TempDir dir, bool ownsDir, PrivateKey owner, GenesisDocument genesis, KestrelHost host)
    {
        Dir = dir;
        _ownsDir = ownsDir;
        Owner = owner;
        Genesis = genesis;
        Host = host;
    }

    public TempDir Dir { get; }

    public PrivateKey Owner { get; }

    public Address OwnerAddress => new(Owner.PublicKey);

    public GenesisDocument Genesis { get; }

    public KestrelHost Host { get; }

    public HttpClient Http => Host.Http;

    public NodeLedger Node => Host.Services.GetRequiredService<NodeLedger>();

    public ILedger Ledger => Node.Ledger;

    /// <summary>Starts a node. <paramref name="blockInterval"/> defaults to one hour (tests seal by hand).</summary>
    public static async Task<TestNode> StartAsync(IDictionary<string, string?>? settings = null, TimeSpan? blockInterval = null, TempDir? dir = null,
        PrivateKey? owner = null)
    {
        var ownsDir = dir is null;
        dir ??= new TempDir();
        owner ??= PrivateKey.Generate();
        var genesisPath = Path.Combine(dir.Path, ChainSetup.GenesisFile);
        var genesis = File.Exists(genesisPath)
            ? await GenesisDocument.LoadAsync(genesisPath)
            : await ChainSetup.CreateAsync(dir.Path, ChainId,
                Enumerable.Range(0, AllocationCount).Select(_ => new GenesisAllocation(new Address(owner.PublicKey), AllocationAmount)).ToArray(),
                TimeSpan.FromSeconds(6), MinFee, TimeProvider.System);
        var all = new Dictionary<string, string?>
        {
            ["Fontana:DataDir"] = dir.Path,
            ["Fontana:BlockInterval"] = (blockInterval ?? TimeSpan.FromHours(1)).ToString(),
            ["Fontana:DaPoster:PollInterval"] = "00:00:00.050",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        var host = await KestrelHost.StartAsync(all, b => b.Services.AddFontanaNode(b.Configuration), app => app.MapFontanaNode());
        return new TestNode(dir, ownsDir, owner, genesis, host);
    }

    /// <summary>Signed transfer of genesis allocation <paramref name="allocation"/> (10 TIA): <paramref name="amount"/> to
    /// <paramref name="to"/>, change back to the owner.</summary>
    public Transaction Transfer(int allocation, Address to, Amount amount) =>
        Transfer(Genesis.AllocationOutPoint(allocation), AllocationAmount, to, amount);

    public Transaction Transfer(OutPoint input, Amount inputAmount, Address to, Amount amount)
    {
        var builder = new TransactionBuilder(ChainId).AddInput(input).AddOutput(to, amount).WithFee(MinFee);
        var change = inputAmount - amount - MinFee;
        if (!change.IsZero)
        {
            builder.AddOutput(OwnerAddress, change);
        }

        return builder.Sign(Owner);
    }

    public static string Base64(Transaction tx) => Convert.ToBase64String(TransactionCodec.Encode(tx));

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        if (_ownsDir)
        {
            Owner.Dispose();
            Dir.Dispose();
        }
    }
}
