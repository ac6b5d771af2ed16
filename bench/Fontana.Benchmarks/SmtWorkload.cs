using System.Security.Cryptography;
using Fontana.Core;
using Fontana.Core.Merkle;

namespace Fontana.Benchmarks;

/// <summary>
/// The deterministic state-tree workloads shared by the SMT benchmarks and their summary columns: a tree of n
/// random keys (key i = SHA-256 of i, like an outpoint's state key), and payment-shaped batches (one third
/// deletions of existing keys, two thirds insertions of new ones). Every tree and batch result is checked
/// against an independent reference root before it is used.
/// </summary>
internal static class SmtWorkload
{
    public const int ProbeCount = 1024;

    private static readonly Lock Gate = new();
    private static readonly Dictionary<int, (InMemorySmtNodeStore Store, Hash32 Root)> Trees = [];
    private static readonly Dictionary<(int, int), UpdateStats> Updates = [];
    private static readonly Dictionary<int, (double Average, int Max)> ProofSizes = [];

    public static Hash32 Key(long i) => Hash32.Compute(BitConverter.GetBytes(i));

    public static Hash32 Value(long i) => Hash32.Compute(BitConverter.GetBytes(~i));

    /// <summary>The tree of keys 0..n-1, built once per process with one batch update, root verified.</summary>
    public static (InMemorySmtNodeStore Store, Hash32 Root) Tree(int n)
    {
        lock (Gate)
        {
            if (Trees.TryGetValue(n, out var cached))
            {
                return cached;
            }

            var store = new InMemorySmtNodeStore((int)(n * 2.5));
            var changes = new List<(Hash32, Hash32?)>(n);
            for (var i = 0; i < n; i++)
            {
                changes.Add((Key(i), Value(i)));
            }

            var tree = new SparseMerkleTree(store);
            var root = tree.Update(changes).Root;
            var expected = ReferenceRoot(Enumerable.Range(0, n).Select(i => (Key(i), Value(i))));
            if (root != expected)
            {
                throw new InvalidOperationException($"setup: tree of {n} keys has root {root}, the reference says {expected}");
            }

            Trees[n] = (store, root);
            return (store, root);
        }
    }

    /// <summary>
    /// Payment-shaped batches against the tree of n keys: one batch of ⌊size/3⌋ deletions and the rest insertions,
    /// or for size 1, <see cref="ProbeCount"/> single-change batches (delete, insert, insert, …) so that a
    /// single-key update is measured as an average, not one lucky or unlucky key.
    /// </summary>
    public static List<(Hash32 Key, Hash32? Value)>[] Batches(int n, int size)
    {
        if (size == 1)
        {
            var singles = new List<(Hash32, Hash32?)>[ProbeCount];
            for (var j = 0; j < singles.Length; j++)
            {
                singles[j] = j % 3 == 0 ? [(Key((long)j * (n / ProbeCount) % n), null)] : [(Key(n + j), Value(n + j))];
            }

            return singles;
        }

        var deletions = size / 3;
        var batch = new List<(Hash32, Hash32?)>(size);
        var stride = Math.Max(1, n / Math.Max(1, deletions));
        for (var j = 0; j < deletions; j++)
        {
            batch.Add((Key((long)j * stride % n), null));
        }

        for (var j = deletions; j < size; j++)
        {
            batch.Add((Key(n + j), Value(n + j)));
        }

        return [batch];
    }

    /// <summary>
    /// Applies every batch of <see cref="Batches"/> once to the tree of n keys and totals the work. Checks: the
    /// first batch's new root equals the reference root of the changed state, and after every batch the proofs
    /// of (up to 1024 of) its keys verify against the new root, as inclusion or non-inclusion.
    /// </summary>
    public static UpdateStats VerifiedUpdates(int n, int size)
    {
        var (store, root) = Tree(n);
        lock (Gate)
        {
            if (Updates.TryGetValue((n, size), out var cached))
            {
                return cached;
            }

            var batches = Batches(n, size);
            var stats = default(UpdateStats);
            for (var b = 0; b < batches.Length; b++)
            {
                var tree = new SparseMerkleTree(store, root);
                var result = tree.Update(batches[b]);
                stats = new UpdateStats(
                    stats.Hashes + result.HashCount,
                    stats.Changes + result.ChangeCount,
                    stats.NewNodes + result.NewNodes.Count,
                    stats.StaleNodes + result.StaleNodes.Count);
                var batch = batches[b];
                for (var i = 0; i < batch.Count; i += Math.Max(1, batch.Count / ProbeCount))
                {
                    if (!tree.Prove(batch[i].Key).Verify(result.Root, batch[i].Key, batch[i].Value))
                    {
                        throw new InvalidOperationException($"setup: after batch {b}, the proof of change {i} does not verify");
                    }
                }

                if (b == 0)
                {
                    CheckAgainstReference(n, batch, result.Root);
                }
            }

            return Updates[(n, size)] = stats;
        }
    }

    private static void CheckAgainstReference(int n, List<(Hash32 Key, Hash32? Value)> batch, Hash32 root)
    {
        var state = new Dictionary<Hash32, Hash32>(n + batch.Count);
        for (var i = 0; i < n; i++)
        {
            state[Key(i)] = Value(i);
        }

        foreach (var (key, value) in batch)
        {
            if (value is { } v)
            {
                state[key] = v;
            }
            else
            {
                state.Remove(key);
            }
        }

        var expected = ReferenceRoot(state.Select(kv => (kv.Key, kv.Value)));
        if (root != expected)
        {
            throw new InvalidOperationException($"setup: a batch of {batch.Count} on {n} keys gives {root}, the reference says {expected}");
        }
    }

    /// <summary>Average and largest encoded inclusion proof over <see cref="ProbeCount"/> keys of the tree of n keys.</summary>
    public static (double Average, int Max) ProofSize(int n)
    {
        var (store, root) = Tree(n);
        lock (Gate)
        {
            if (ProofSizes.TryGetValue(n, out var cached))
            {
                return cached;
            }

            var tree = new SparseMerkleTree(store, root);
            long total = 0;
            var max = 0;
            foreach (var i in ProbeIndexes(n))
            {
                var bytes = tree.Prove(Key(i)).Encode();
                if (!SmtProof.Verify(bytes, root, Key(i), Value(i)))
                {
                    throw new InvalidOperationException($"setup: proof of key {i} does not verify");
                }

                total += bytes.Length;
                max = Math.Max(max, bytes.Length);
            }

            return ProofSizes[n] = ((double)total / ProbeCount, max);
        }
    }

    /// <summary>Indexes of the probed existing keys: spread over 0..n-1.</summary>
    public static IEnumerable<long> ProbeIndexes(int n)
    {
        for (var j = 0; j < ProbeCount; j++)
        {
            yield return (long)j * (n / ProbeCount);
        }
    }

    /// <summary>
    /// The state-tree root from the definition, without the tree code: sort the pairs, split each range at the
    /// first key whose bit at this depth is 1, a range of one pair is its leaf hash, an empty range is zero.
    /// </summary>
    public static Hash32 ReferenceRoot(IEnumerable<(Hash32 Key, Hash32 Value)> pairs)
    {
        var sorted = pairs.ToArray();
        Array.Sort(sorted, (a, b) => a.Key.CompareTo(b.Key));
        return ReferenceRoot(sorted, 0, sorted.Length, 0);
    }

    private static Hash32 ReferenceRoot((Hash32 Key, Hash32 Value)[] sorted, int lo, int hi, int depth)
    {
        if (lo == hi)
        {
            return Hash32.Zero;
        }

        Span<byte> preimage = stackalloc byte[65];
        if (hi - lo == 1)
        {
            preimage[0] = 0x00;
            sorted[lo].Key.CopyTo(preimage[1..33]);
            sorted[lo].Value.CopyTo(preimage[33..]);
            return Hash32.FromBytes(SHA256.HashData(preimage));
        }

        var split = lo;
        while (split < hi && sorted[split].Key.GetBit(depth) == 0)
        {
            split++;
        }

        var left = ReferenceRoot(sorted, lo, split, depth + 1);
        var right = ReferenceRoot(sorted, split, hi, depth + 1);
        preimage[0] = 0x01;
        left.CopyTo(preimage[1..33]);
        right.CopyTo(preimage[33..]);
        return Hash32.FromBytes(SHA256.HashData(preimage));
    }

    /// <summary>Work done by all of a workload's batches.</summary>
    public readonly record struct UpdateStats(long Hashes, long Changes, long NewNodes, long StaleNodes)
    {
        public double HashesPerChange => Changes == 0 ? 0 : (double)Hashes / Changes;
    }
}
