using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using Fontana.Core;
using Fontana.Core.Crypto;
using Fontana.Core.Merkle;

namespace Fontana.Benchmarks;

/// <summary>The raw limits every ledger figure is compared with: Ed25519 (libsodium) and SHA-256.</summary>
[MemoryDiagnoser]
[Config(typeof(ThroughputConfig))]
public class CryptoBenchmarks
{
    private const int VerifiesPerThread = 1000;

    private readonly byte[] _message = new byte[64];
    private readonly byte[] _signature = new byte[Ed25519.SignatureLength];
    private readonly byte[] _block = new byte[64];
    private readonly byte[] _digest = new byte[32];
    private PrivateKey _key = null!;
    private PublicKey _publicKey;
    private Hash32 _left;
    private Hash32 _right;

    [GlobalSetup]
    public void Setup()
    {
        _key = PrivateKey.FromSeed(SHA256.HashData("fontana-bench"u8));
        _publicKey = _key.PublicKey;
        Random.Shared.NextBytes(_message);
        Random.Shared.NextBytes(_block);
        _key.Sign(_message, _signature);
        if (!_publicKey.Verify(_message, _signature))
        {
            throw new InvalidOperationException("setup: the signature does not verify");
        }

        _left = Hash32.Compute(_block);
        _right = Hash32.Compute(_message);
    }

    [GlobalCleanup]
    public void Cleanup() => _key.Dispose();

    [Benchmark]
    public void Ed25519Sign() => _key.Sign(_message, _signature);

    [Benchmark]
    public bool Ed25519Verify() => _publicKey.Verify(_message, _signature);

    /// <summary>Two threads verifying at once: the 2-core verify rate (Op/s counts single verifications).</summary>
    [Benchmark(OperationsPerInvoke = 2 * VerifiesPerThread)]
    public void Ed25519VerifyTwoThreads() => Parallel.For(0, 2, _ =>
    {
        for (var i = 0; i < VerifiesPerThread; i++)
        {
            if (!_publicKey.Verify(_message, _signature))
            {
                throw new InvalidOperationException("signature did not verify");
            }
        }
    });

    [Benchmark]
    public void Sha256Of64Bytes() => SHA256.HashData(_block, _digest);

    /// <summary>One tree node: SHA-256 of the 65-byte preimage 0x01 ‖ left ‖ right, into a Hash32.</summary>
    [Benchmark]
    public Hash32 MerkleNodeHash() => MerkleTree.HashNode(_left, _right);
}
