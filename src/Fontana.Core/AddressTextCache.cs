using System.Collections.Concurrent;
using Fontana.Core.Crypto;

namespace Fontana.Core;

/// <summary>
/// Remembers the bech32m text of recently seen addresses both ways, so the few addresses a paid call names again and
/// again (payer, payTo; in x402 JSON, the dashboard, rate limits) are not bech32-encoded and decoded several times per
/// call (≈ 5 % of a paid call's CPU, docs/benchmarks.md). Both directions are pure functions, so a hit returns exactly
/// what the computation would; only successful parses are kept. Bounded: past <see cref="Capacity"/> insertions a map
/// starts over.
/// </summary>
internal static class AddressTextCache
{
    public const int Capacity = 4096;

    private static readonly ConcurrentDictionary<PublicKey, string> Texts = new();
    private static readonly ConcurrentDictionary<string, PublicKey> Keys = new(StringComparer.Ordinal);
    private static int _textInserts;
    private static int _keyInserts;

    public static bool TryGetText(PublicKey key, out string text) => Texts.TryGetValue(key, out text!);

    public static bool TryGetKey(string text, out PublicKey key) => Keys.TryGetValue(text, out key);

    /// <summary>After encoding: <paramref name="text"/> is the canonical (lower-case) text of <paramref name="key"/>.</summary>
    public static void RememberEncoded(PublicKey key, string text)
    {
        Add(Texts, key, text, ref _textInserts);
        Add(Keys, text, key, ref _keyInserts);
    }

    /// <summary>After a successful parse: <paramref name="text"/> (as given, e.g. upper case) decodes to
    /// <paramref name="key"/>; not used for encoding, which stays canonical.</summary>
    public static void RememberParsed(string text, PublicKey key) => Add(Keys, text, key, ref _keyInserts);

    private static void Add<TKey, TValue>(ConcurrentDictionary<TKey, TValue> map, TKey key, TValue value, ref int inserts)
        where TKey : notnull
    {
        if (Interlocked.Increment(ref inserts) > Capacity)
        {
            map.Clear();
            Volatile.Write(ref inserts, 1);
        }

        map[key] = value;
    }
}
