namespace Fontana.DataAvailability.Tests.Support;

internal static class TestBlocks
{
    /// <summary>Deterministic pseudo-random block bytes for <paramref name="height"/>.</summary>
    public static byte[] Make(ulong height, int length)
    {
        var bytes = new byte[length];
        new Random((int)height * 7919 + length).NextBytes(bytes);
        return bytes;
    }

    public static async Task<List<DaBlock>> ToListAsync(this IAsyncEnumerable<DaBlock> blocks)
    {
        var list = new List<DaBlock>();
        await foreach (var block in blocks)
        {
            list.Add(block);
        }

        return list;
    }
}
