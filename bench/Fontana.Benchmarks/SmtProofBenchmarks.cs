using BenchmarkDotNet.Attributes;
using Fontana.Core;
using Fontana.Core.Merkle;

namespace Fontana.Benchmarks;

/// <summary>State proofs: make one from the tree, verify one with no storage, decode-and-verify the bytes.</summary>
[MemoryDiagnoser]
[Config(typeof(SmtConfig))]
public class SmtProofBenchmarks
{
    private SparseMerkleTree _tree = null!;
    private Hash32 _root;
    private Hash32[] _keys = [];
    private Hash32[] _values = [];
    private Hash32[] _absent = [];
    private SmtProof[] _inclusion = [];
    private SmtProof[] _nonInclusion = [];
    private byte[][] _encoded = [];
    private int _next;

    [Params(10_000, 1_000_000)]
    public int ExistingKeys { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var (store, root) = SmtWorkload.Tree(ExistingKeys);
        _tree = new SparseMerkleTree(store, root);
        _root = root;
        var indexes = SmtWorkload.ProbeIndexes(ExistingKeys).ToArray();
        _keys = [.. indexes.Select(SmtWorkload.Key)];
        _values = [.. indexes.Select(SmtWorkload.Value)];
        _absent = [.. indexes.Select(i => SmtWorkload.Key(ExistingKeys + i))];
        _inclusion = [.. _keys.Select(_tree.Prove)];
        _nonInclusion = [.. _absent.Select(_tree.Prove)];
        _encoded = [.. _inclusion.Select(p => p.Encode())];
        for (var i = 0; i < _keys.Length; i++)
        {
            if (!_inclusion[i].Verify(root, _keys[i], _values[i]) || !_nonInclusion[i].Verify(root, _absent[i], null)
                || !SmtProof.Verify(_encoded[i], root, _keys[i], _values[i]) || _nonInclusion[i].Verify(root, _keys[i], null))
            {
                throw new InvalidOperationException($"setup: proofs for probe {i} do not check out");
            }
        }

        var (average, max) = SmtWorkload.ProofSize(ExistingKeys);
        Console.WriteLine($"// SMT n={ExistingKeys}: inclusion proof {average:F1} bytes on average, {max} at most (over {_keys.Length} keys)");
    }

    [Benchmark]
    public SmtProof Prove() => _tree.Prove(_keys[_next++ & (SmtWorkload.ProbeCount - 1)]);

    [Benchmark]
    public bool VerifyInclusion()
    {
        var i = _next++ & (SmtWorkload.ProbeCount - 1);
        return _inclusion[i].Verify(_root, _keys[i], _values[i]);
    }

    [Benchmark]
    public bool VerifyNonInclusion()
    {
        var i = _next++ & (SmtWorkload.ProbeCount - 1);
        return _nonInclusion[i].Verify(_root, _absent[i], null);
    }

    [Benchmark]
    public bool DecodeAndVerify()
    {
        var i = _next++ & (SmtWorkload.ProbeCount - 1);
        return SmtProof.Verify(_encoded[i], _root, _keys[i], _values[i]);
    }
}
