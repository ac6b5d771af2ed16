using Fontana.Core;

namespace Fontana.Sdk.Tests.Support;

/// <summary>Deterministic outpoints and amounts for cache tests.</summary>
internal static class TestCoins
{
    public static OutPoint Op(int n, ushort index = 0) => new(Hash32.Compute(BitConverter.GetBytes(n)), index);

    public static Amount Utia(ulong utia) => Amount.FromUtia(utia);
}
