using System.Security.Cryptography;
using FsCheck;
using FsCheck.Fluent;
using Fontana.Core.Merkle;

namespace Fontana.Core.Tests.Merkle;

/// <summary>Generators and an independent reference model of the state tree for the SMT tests.</summary>
internal static class SmtTestData
{
    /// <summary>Keys that share long prefixes with this one exercise deep paths (down to depth 256).</summary>
    public static readonly Hash32 ClusterBase = Hash32.Compute("cluster"u8);

    /// <summary>Bit positions flipped in <see cref="ClusterBase"/>: few enough that keys repeat (so deletes hit),
    /// spread so that paths end near the root, in the middle and at depth 256.</summary>
    private static readonly int[] ClusterBits = [0, 1, 2, 3, 7, 8, 20, 63, 64, 127, 128, 200, 253, 254, 255];

    public static Gen<Hash32> Keys { get; } = Gen.Frequency(
        (6, Gen.Choose(0, 40).Select(i => Hash32.Compute(BitConverter.GetBytes(i)))),
        (2, Gen.Elements(ClusterBits).Select(bit => FlipBit(ClusterBase, bit))),
        (2, Gen.Elements(ClusterBits).SelectMany(b1 => Gen.Elements(ClusterBits).Select(b2 => FlipBit(FlipBit(ClusterBase, b1), b2)))),
        (1, Gen.Constant(ClusterBase)));

    public static Gen<Hash32> Values { get; } = Gen.Choose(0, 5).Select(i => Hash32.Compute([(byte)i, 0xAA]));

    public static Gen<(Hash32 Key, Hash32? Value)> Changes { get; } =
        Keys.SelectMany(k => Gen.Frequency(
            (3, Values.Select(v => (Hash32?)v)),
            (2, Gen.Constant<Hash32?>(null))).Select(v => (k, v)));

    /// <summary>One to ten batches of up to ~100 changes each (the list length follows FsCheck's size).</summary>
    public static Gen<List<(Hash32 Key, Hash32? Value)>[]> Batches { get; } =
        Gen.Choose(1, 10).SelectMany(n => Gen.ListOf(Changes).Select(l => l.ToList()).ArrayOf(n));

    public static Gen<Dictionary<Hash32, Hash32>> States { get; } =
        Gen.ListOf(Keys.SelectMany(k => Values.Select(v => (k, v))))
            .Select(pairs =>
            {
                var state = new Dictionary<Hash32, Hash32>();
                foreach (var (k, v) in pairs)
                {
                    state[k] = v;
                }

                return state;
            });

    public static Hash32 FlipBit(Hash32 hash, int bit)
    {
        var bytes = hash.ToArray();
        bytes[bit >> 3] ^= (byte)(0x80 >> (bit & 7));
        return Hash32.FromBytes(bytes);
    }

    public static void Apply(Dictionary<Hash32, Hash32> model, IEnumerable<(Hash32 Key, Hash32? Value)> changes)
    {
        foreach (var (key, value) in changes)
        {
            if (value is { } v)
            {
                model[key] = v;
            }
            else
            {
                model.Remove(key);
            }
        }
    }

    public static SparseMerkleTree Build(IReadOnlyDictionary<Hash32, Hash32> state, ISmtNodeStore? store = null)
    {
        var tree = new SparseMerkleTree(store ?? new InMemorySmtNodeStore());
        tree.Update(state.Select(kv => (kv.Key, (Hash32?)kv.Value)).ToList());
        return tree;
    }

    /// <summary>The state-tree root by the definition alone, with its own SHA-256 calls (no code shared with the tree).</summary>
    public static Hash32 ReferenceRoot(IReadOnlyDictionary<Hash32, Hash32> state) =>
        ReferenceRoot(state.Select(kv => (kv.Key, kv.Value)).ToList(), 0);

    public static Hash32 ReferenceLeaf(Hash32 key, Hash32 value) =>
        Hash32.FromBytes(SHA256.HashData([0x00, .. key.ToArray(), .. value.ToArray()]));

    public static Hash32 ReferenceNode(Hash32 left, Hash32 right) =>
        Hash32.FromBytes(SHA256.HashData([0x01, .. left.ToArray(), .. right.ToArray()]));

    private static Hash32 ReferenceRoot(List<(Hash32 Key, Hash32 Value)> leaves, int depth) => leaves.Count switch
    {
        0 => Hash32.Zero,
        1 => ReferenceLeaf(leaves[0].Key, leaves[0].Value),
        _ => ReferenceNode(
            ReferenceRoot(leaves.Where(l => l.Key.GetBit(depth) == 0).ToList(), depth + 1),
            ReferenceRoot(leaves.Where(l => l.Key.GetBit(depth) == 1).ToList(), depth + 1)),
    };
}
