using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using Fontana.Core;
using Fontana.Core.Merkle;

namespace Fontana.Benchmarks;

/// <summary>Transaction root of a block (RFC 6962 tree over txids).</summary>
[MemoryDiagnoser]
public class MerkleRootBenchmarks
{
    private Hash32[] _txids = [];

    [Params(1_000, 10_000)]
    public int Transactions { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _txids = new Hash32[Transactions];
        for (var i = 0; i < _txids.Length; i++)
        {
            _txids[i] = Hash32.Compute(BitConverter.GetBytes(i));
        }

        // The measured root must be the RFC 6962 one: check it against a literal recursive MTH and proofs.
        var root = MerkleTree.ComputeRoot(_txids);
        if (root != Mth(_txids))
        {
            throw new InvalidOperationException("setup: root differs from the RFC 6962 definition");
        }

        foreach (var index in new[] { 0, _txids.Length / 3, _txids.Length - 1 })
        {
            if (!MerkleTree.CreateProof(_txids, index).Verify(_txids[index], root, _txids.Length))
            {
                throw new InvalidOperationException($"setup: proof of leaf {index} does not verify");
            }
        }
    }

    [Benchmark]
    public Hash32 ComputeRoot() => MerkleTree.ComputeRoot(_txids);

    private static Hash32 Mth(ReadOnlySpan<Hash32> d)
    {
        if (d.Length == 1)
        {
            return Hash32.FromBytes(SHA256.HashData([0x00, .. d[0].ToArray()]));
        }

        var k = 1;
        while (k * 2 < d.Length)
        {
            k *= 2;
        }

        return Hash32.FromBytes(SHA256.HashData([0x01, .. Mth(d[..k]).ToArray(), .. Mth(d[k..]).ToArray()]));
    }
}
