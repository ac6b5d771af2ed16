using FsCheck;
using FsCheck.Fluent;

namespace Fontana.Core.Tests.Amounts;

/// <summary>Amounts for property tests: small, near the top, and anything in between.</summary>
internal static class AmountGen
{
    public static Gen<ulong> Utia { get; } = Gen.OneOf(
        Gen.Choose(0, 3_000_000).Select(i => (ulong)i),
        Gen.Choose(0, 1_000_000).Select(i => ulong.MaxValue - (ulong)i),
        Gen.Choose(0, 65535).Select(i => (ulong)(uint)i).Four().Select(t => (t.Item1 << 48) | (t.Item2 << 32) | (t.Item3 << 16) | t.Item4));

    public static Arbitrary<Amount> AnyAmount { get; } = Utia.Select(Amount.FromUtia).ToArbitrary();

    /// <summary>Lists of 0–20 amounts, some large enough that their sum overflows.</summary>
    public static Arbitrary<Amount[]> AmountLists { get; } = Utia.Select(Amount.FromUtia).ArrayOf().Select(a => a.Take(20).ToArray()).ToArbitrary();
}
