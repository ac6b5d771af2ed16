using BenchmarkDotNet.Attributes;
using Fontana.Core;
using Fontana.Core.Merkle;

namespace Fontana.Benchmarks;

/// <summary>
/// A batch update of the state tree (sort, walk, hash, write new nodes to the in-memory store). Every invocation
/// starts from the same base root, so the tree does not drift between iterations; with BatchSize 1 invocations
/// rotate through 1024 different single-key batches.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(SmtConfig))]
public class SmtUpdateBenchmarks
{
    private InMemorySmtNodeStore _store = null!;
    private Hash32 _root;
    private List<(Hash32 Key, Hash32? Value)>[] _batches = [];
    private int _next;

    [Params(10_000, 1_000_000)]
    public int ExistingKeys { get; set; }

    [Params(1, 1_000, 100_000)]
    public int BatchSize { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        (_store, _root) = SmtWorkload.Tree(ExistingKeys);
        _batches = SmtWorkload.Batches(ExistingKeys, BatchSize);
        var stats = SmtWorkload.VerifiedUpdates(ExistingKeys, BatchSize);
        Console.WriteLine(
            $"// SMT n={ExistingKeys} batch={BatchSize} x{_batches.Length}: {stats.Hashes} hashes, {stats.HashesPerChange:F2} per change " +
            $"(target log2(n)+4 = {Math.Log2(ExistingKeys) + 4:F2}), {stats.NewNodes} new nodes, {stats.StaleNodes} stale");
    }

    [Benchmark]
    public Hash32 Update() => new SparseMerkleTree(_store, _root).Update(_batches[_next++ % _batches.Length]).Root;
}
