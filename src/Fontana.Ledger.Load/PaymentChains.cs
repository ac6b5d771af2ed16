using System.Security.Cryptography;
using Fontana.Core;
using Fontana.Core.Crypto;
using Fontana.Core.Encoding;
using Fontana.Core.Transactions;
using Fontana.Ledger.Genesis;

namespace Fontana.Ledger.Load;

/// <summary>
/// The workload of the ledger load tools: a genesis funding <see cref="Chains"/> payment chains (one allocation each,
/// at most 65,536) and, per chain, pre-signed 1-in-2-out payments (payee + change, fee = min fee), payment j spending
/// the change of payment j−1 (or the chain's allocation). Used by <see cref="LedgerLoadRunner"/> and
/// <see cref="LedgerChainBuilder"/>; keys are derived from fixed names, so the same arguments give the same chain.
/// </summary>
public sealed class PaymentChains : IDisposable
{
    /// <summary>utia each chain is funded with.</summary>
    public const ulong Funding = 1_000_000_000;

    /// <summary>utia each payment pays the payee.</summary>
    public const ulong Payment = 1_000;

    /// <summary>The chain's minimum fee, paid by every payment.</summary>
    public const ulong MinFee = 10;

    private readonly PrivateKey[] _owners;

    private PaymentChains(string chainId, GenesisDocument genesis, PrivateKey sequencer, PrivateKey bridge, PrivateKey[] owners, Address payee, byte[][][] signed)
    {
        ChainId = chainId;
        Genesis = genesis;
        Sequencer = sequencer;
        BridgeAuthority = bridge;
        _owners = owners;
        Payee = payee;
        Signed = signed;
    }

    /// <summary>The chain id of the genesis and of every payment.</summary>
    public string ChainId { get; }

    /// <summary>The genesis funding every chain.</summary>
    public GenesisDocument Genesis { get; }

    /// <summary>The sequencer key the genesis names (disposed with this object).</summary>
    public PrivateKey Sequencer { get; }

    /// <summary>The bridge authority key the genesis names (disposed with this object).</summary>
    public PrivateKey BridgeAuthority { get; }

    /// <summary>Who receives every payment (its balance at the end is <c>transactions × Payment</c>).</summary>
    public Address Payee { get; }

    /// <summary>Canonical payments: <c>Signed[chain][j]</c>.</summary>
    public byte[][][] Signed { get; }

    /// <summary>Number of payment chains (genesis allocations).</summary>
    public int Chains => Signed.Length;

    /// <summary>Payments in the longest chain.</summary>
    public int Depth => Signed.Length == 0 ? 0 : Signed[0].Length;

    /// <summary>Payments signed, over all chains.</summary>
    public long Transactions
    {
        get
        {
            long n = 0;
            foreach (var chain in Signed)
            {
                n += chain.Length;
            }

            return n;
        }
    }

    /// <summary>
    /// Builds the genesis and signs <paramref name="transactions"/> payments (on all cores) over
    /// min(65,536, max(<paramref name="chains"/>, min(<paramref name="transactions"/>, 65,536))) chains when
    /// <paramref name="spreadOverMaxChains"/>, or exactly min(<paramref name="chains"/>, <paramref name="transactions"/>) otherwise.
    /// </summary>
    public static PaymentChains Create(string chainId, int transactions, int chains, bool spreadOverMaxChains, TimeSpan blockInterval)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(transactions);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(chains);
        var count = spreadOverMaxChains
            ? Math.Min(GenesisDocument.MaxAllocations, Math.Max(chains, Math.Min(transactions, GenesisDocument.MaxAllocations)))
            : Math.Min(chains, GenesisDocument.MaxAllocations);
        count = Math.Min(count, transactions);
        var depth = (transactions + count - 1) / count;
        var sequencer = Key(chainId, "sequencer");
        var bridge = Key(chainId, "bridge");
        var owners = Enumerable.Range(0, Math.Min(count, 256)).Select(i => Key(chainId, "payer-" + i)).ToArray();
        using var payeeKey = Key(chainId, "payee");
        using var feeKey = Key(chainId, "fees");
        var payee = new Address(payeeKey.PublicKey);
        var allocations = new GenesisAllocation[count];
        for (var i = 0; i < count; i++)
        {
            allocations[i] = new GenesisAllocation(new Address(owners[i % owners.Length].PublicKey), Amount.FromUtia(Funding));
        }

        var genesis = new GenesisDocument(
            chainId,
            new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero),
            sequencer.PublicKey,
            bridge.PublicKey,
            new Address(feeKey.PublicKey),
            Amount.FromUtia(MinFee),
            blockInterval,
            allocations);
        var signed = Presign(chainId, genesis, owners, payee, count, depth, transactions);
        return new PaymentChains(chainId, genesis, sequencer, bridge, owners, payee, signed);
    }

    /// <summary>Disposes every key this object holds.</summary>
    public void Dispose()
    {
        Sequencer.Dispose();
        BridgeAuthority.Dispose();
        foreach (var owner in _owners)
        {
            owner.Dispose();
        }
    }

    private static byte[][][] Presign(string chainId, GenesisDocument genesis, PrivateKey[] owners, Address payee, int chains, int depth, int total)
    {
        var signed = new byte[chains][][];
        Parallel.For(0, chains, i =>
        {
            var count = (int)Math.Min(depth, Math.Max(0, total - ((long)i * depth)));
            var owner = owners[i % owners.Length];
            var self = new Address(owner.PublicKey);
            var input = genesis.AllocationOutPoint(i);
            var balance = Funding;
            var list = new byte[count][];
            for (var j = 0; j < count; j++)
            {
                balance -= Payment + MinFee;
                var tx = new TransactionBuilder(chainId)
                    .AddInput(input)
                    .AddOutput(payee, Amount.FromUtia(Payment))
                    .AddOutput(self, Amount.FromUtia(balance))
                    .WithFee(Amount.FromUtia(MinFee))
                    .Sign(owner);
                list[j] = TransactionCodec.Encode(tx);
                input = new OutPoint(tx.TxId, 1);
            }

            signed[i] = list;
        });
        return signed;
    }

    private static PrivateKey Key(string chainId, string name) =>
        PrivateKey.FromSeed(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(chainId + "/" + name)));
}
