using System.Security.Cryptography;
using System.Text;
using Fontana.Core;
using Fontana.Core.Crypto;
using Fontana.Core.Transactions;
using Fontana.Ledger.Genesis;

namespace Fontana.Ledger.Tests.Infrastructure;

/// <summary>A test chain: deterministic keys, a genesis funding each wallet with a few allocations, transaction helpers.</summary>
public sealed class TestChain : IDisposable
{
    public const string ChainId = "fontana-test";

    public TestChain(int wallets = 4, int allocationsPerWallet = 4, ulong amount = 1_000_000, ulong minFee = 10, TimeSpan? blockInterval = null)
    {
        Sequencer = Key("sequencer");
        Bridge = Key("bridge");
        FeeKey = Key("fee");
        Wallets = [.. Enumerable.Range(0, wallets).Select(i => Key("wallet-" + i))];
        AllocationsPerWallet = allocationsPerWallet;
        var allocations = new List<GenesisAllocation>();
        foreach (var wallet in Wallets)
        {
            for (var k = 0; k < allocationsPerWallet; k++)
            {
                allocations.Add(new GenesisAllocation(new Address(wallet.PublicKey), Amount.FromUtia(amount)));
            }
        }

        Genesis = new GenesisDocument(
            ChainId,
            new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero),
            Sequencer.PublicKey,
            Bridge.PublicKey,
            new Address(FeeKey.PublicKey),
            Amount.FromUtia(minFee),
            blockInterval ?? TimeSpan.FromSeconds(6),
            allocations);
    }

    public PrivateKey Sequencer { get; }

    public PrivateKey Bridge { get; }

    public PrivateKey FeeKey { get; }

    public Address FeeAddress => new(FeeKey.PublicKey);

    public PrivateKey[] Wallets { get; }

    public int AllocationsPerWallet { get; }

    public GenesisDocument Genesis { get; }

    public Amount MinFee => Genesis.MinFee;

    public static PrivateKey Key(string name) => PrivateKey.FromSeed(SHA256.HashData(Encoding.UTF8.GetBytes("fontana-test-key/" + name)));

    public static Address AddressOf(PrivateKey key) => new(key.PublicKey);

    public Address WalletAddress(int wallet) => AddressOf(Wallets[wallet]);

    public OutPoint Allocation(int wallet, int k = 0) => Genesis.AllocationOutPoint((wallet * AllocationsPerWallet) + k);

    public Amount AllocationAmount(int wallet, int k = 0) => Genesis.Allocations[(wallet * AllocationsPerWallet) + k].Amount;

    /// <summary>A signed transfer from <paramref name="from"/>.</summary>
    public Transaction Transfer(PrivateKey from, IEnumerable<OutPoint> inputs, ulong fee, params (Address To, ulong Utia)[] outputs)
    {
        var builder = new TransactionBuilder(ChainId, TransactionKind.Transfer).WithFee(Amount.FromUtia(fee));
        foreach (var input in inputs)
        {
            builder.AddInput(input);
        }

        foreach (var (to, utia) in outputs)
        {
            builder.AddOutput(to, Amount.FromUtia(utia));
        }

        return builder.Sign(from);
    }

    /// <summary>Pays <paramref name="pay"/> from allocation (<paramref name="wallet"/>, <paramref name="k"/>) to <paramref name="to"/>, change back, min fee.</summary>
    public Transaction Pay(int wallet, int k, Address to, ulong pay)
    {
        var total = AllocationAmount(wallet, k).Utia;
        var fee = MinFee.Utia;
        return Transfer(Wallets[wallet], [Allocation(wallet, k)], fee, (to, pay), (WalletAddress(wallet), total - pay - fee));
    }

    public LedgerOptions Options(StoreTarget target, TimeProvider? time = null, bool withBridge = true) =>
        target.Configure(new LedgerOptions
        {
            Genesis = Genesis,
            SequencerKey = Sequencer,
            BridgeAuthorityKey = withBridge ? Bridge : null,
            TimeProvider = time ?? TestClock.Create(),
        });

    public void Dispose()
    {
        Sequencer.Dispose();
        Bridge.Dispose();
        FeeKey.Dispose();
        foreach (var wallet in Wallets)
        {
            wallet.Dispose();
        }
    }
}
