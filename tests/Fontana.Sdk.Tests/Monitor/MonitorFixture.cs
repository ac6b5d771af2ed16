using Fontana.Core;
using Fontana.Core.Api;
using Fontana.Core.Blocks;
using Fontana.Core.Crypto;
using Fontana.Core.Encoding;
using Fontana.Core.Merkle;
using Fontana.Core.Transactions;
using Fontana.Sdk.Monitor;
using Fontana.Sdk.Store;
using Fontana.Sdk.Tests.Store;
using Microsoft.Extensions.Time.Testing;

namespace Fontana.Sdk.Tests.Monitor;

/// <summary>A wallet store on one engine, a scripted node, a fake clock and a monitor over them; payments are real
/// signed transactions recorded as the payer records them.</summary>
internal sealed class MonitorFixture : IDisposable
{
    public static readonly DateTimeOffset T0 = new(2026, 12, 2, 12, 0, 0, TimeSpan.Zero);

    private readonly StoreTarget _target;
    private readonly FontanaClient _client;

    public MonitorFixture(string engine, Action<WalletMonitorOptions>? configure = null)
    {
        _target = new StoreTarget(engine);
        Store = _target.Open(WalletAddress);
        _client = Node.Client();
        Options = new WalletMonitorOptions();
        configure?.Invoke(Options);
        Monitor = new WalletMonitor(Store, _client, Key, Options, Time);
    }

    public PrivateKey Key { get; } = PrivateKey.Generate();

    public Address WalletAddress => new(Key.PublicKey);

    public Address Provider { get; } = new(PrivateKey.Generate().PublicKey);

    public FakeTimeProvider Time { get; } = new(T0);

    public ScriptedNode Node { get; } = new();

    public WalletStore Store { get; }

    public WalletMonitorOptions Options { get; }

    public WalletMonitor Monitor { get; }

    /// <summary>A payment of 1,000 utia from a fresh coin of 10,000, recorded in <paramref name="state"/> now.</summary>
    public PaymentRecord Pay(PaymentState state, TimeSpan? expiresIn = null)
    {
        var coin = new OutPoint(Hash32.Compute(Guid.NewGuid().ToByteArray()), 0);
        var expiry = (ulong)(Time.GetUtcNow() + (expiresIn ?? TimeSpan.FromMinutes(2))).ToUnixTimeSeconds();
        var tx = new TransactionBuilder(ScriptedNode.ChainId).AddInput(coin).AddOutput(Provider, Amount.FromUtia(1_000))
            .AddOutput(WalletAddress, Amount.FromUtia(8_900)).WithFee(Node.MinFee).WithExpiry(expiry).Sign(Key);
        var now = Time.GetUtcNow();
        var record = new PaymentRecord(
            tx.TxId, state, Provider, "/paid", Amount.FromUtia(1_000), Node.MinFee, coin, TransactionCodec.Encode(tx), expiry, now, now, 0, null, null, null);
        Store.RecordPayment(record);
        Node.Unspent(coin, WalletAddress, Amount.FromUtia(10_000));
        return record;
    }

    public PaymentState StateOf(PaymentRecord payment) => Store.GetPayment(payment.TxId)!.State;

    /// <summary>A genuine final receipt for <paramref name="txId"/> in a block of three, signed by the node's sequencer
    /// (or by <paramref name="headerKey"/> to forge one).</summary>
    public FinalReceiptDto Final(Hash32 txId, PrivateKey? headerKey = null)
    {
        Hash32[] txIds = [Hash32.Compute([1]), txId, Hash32.Compute([3])];
        var root = MerkleTree.ComputeRoot(txIds);
        var proof = MerkleTree.CreateProof(txIds, 1);
        var header = new BlockHeader(BlockHeader.CurrentVersion, ScriptedNode.ChainId, 5, Hash32.Compute([4]), 1_700_000_000_000, 3, root, Hash32.Compute([9]))
            .Sign(headerKey ?? Node.Sequencer);
        var headerDto = new HeaderDto(
            header.Height, header.Hash.ToString(), header.PreviousHash.ToString(), header.Timestamp, header.TxCount, header.TxRoot.ToString(),
            header.StateRoot.ToString(), Convert.ToHexStringLower(header.Signature.Span), Convert.ToBase64String(BlockHeaderCodec.Encode(header)));
        var proofDto = new TxProofDto(txId.ToString(), header.Height, root.ToString(), 1, 3, Convert.ToBase64String(proof.Encode()));
        return new FinalReceiptDto(Node.Receipt(txId), header.Height, header.Hash.ToString(), headerDto, proofDto, null);
    }

    public void Dispose()
    {
        Monitor.Dispose();
        _client.Dispose();
        Store.Dispose();
        _target.Dispose();
    }
}
