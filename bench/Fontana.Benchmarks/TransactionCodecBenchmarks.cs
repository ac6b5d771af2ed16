using BenchmarkDotNet.Attributes;
using Fontana.Core;
using Fontana.Core.Crypto;
using Fontana.Core.Encoding;
using Fontana.Core.Transactions;
using Fontana.Core.Validation;

namespace Fontana.Benchmarks;

/// <summary>
/// The per-transaction costs on the ledger's stateless path for a typical 1-in-2-out payment:
/// encode, decode (includes the txid hash), structural validation and full validation (includes Ed25519 verify).
/// </summary>
[MemoryDiagnoser]
public class TransactionCodecBenchmarks
{
    private const string ChainId = "fontana-bench";

    private readonly byte[] _buffer = new byte[TransactionCodec.MaxEncodedLength];
    private PrivateKey _key = null!;
    private Transaction _transaction = null!;
    private byte[] _encoded = null!;
    private byte[] _garbage = null!;
    private ValidationContext _context;

    [GlobalSetup]
    public void Setup()
    {
        _key = PrivateKey.FromSeed(new byte[32]);
        var payee = new Address(PrivateKey.FromSeed(Enumerable.Repeat((byte)1, 32).ToArray()).PublicKey);
        _transaction = Build();
        _encoded = TransactionCodec.Encode(_transaction);
        _garbage = [.. _encoded, 0]; // one trailing byte: rejected only after parsing everything
        _context = new ValidationContext(ChainId, 1_700_000_000, Amount.FromUtia(100));

        // The measured code must give the right answer.
        var decoded = TransactionCodec.Decode(_encoded);
        Require(decoded.TxId == _transaction.TxId, "decode(encode(tx)) has a different txid");
        Require(TransactionValidator.Validate(decoded, _context).IsValid, "the benchmark transaction is not valid");
        Require(!TransactionCodec.TryDecode(_garbage, out _), "the malformed input decoded");

        Transaction Build() => new TransactionBuilder(ChainId)
            .AddInput(Hash32.Compute("funding"u8), 0)
            .AddOutput(payee, Amount.FromUtia(1_000))
            .AddOutput(new Address(_key.PublicKey), Amount.FromUtia(998_900))
            .WithFee(Amount.FromUtia(100))
            .WithMemo(Hash32.Compute("challenge"u8))
            .Sign(_key);
    }

    [GlobalCleanup]
    public void Cleanup() => _key.Dispose();

    [Benchmark]
    public int EncodeIntoSpan() => TransactionCodec.Encode(_transaction, _buffer);

    [Benchmark]
    public byte[] EncodeToArray() => TransactionCodec.Encode(_transaction);

    [Benchmark(Baseline = true)]
    public Transaction Decode() => TransactionCodec.Decode(_encoded);

    [Benchmark]
    public bool TryDecodeMalformed() => TransactionCodec.TryDecode(_garbage, out _);

    [Benchmark]
    public bool ValidateStructure() => TransactionValidator.ValidateStructure(_transaction, _context).IsValid;

    [Benchmark]
    public bool ValidateWithSignature() => TransactionValidator.Validate(_transaction, _context).IsValid;

    [Benchmark]
    public bool DecodeAndValidate() => TransactionValidator.Validate(TransactionCodec.Decode(_encoded), _context).IsValid;

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new InvalidOperationException(message);
        }
    }
}
