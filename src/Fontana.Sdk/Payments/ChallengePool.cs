using System.Collections.Concurrent;
using System.Text.Json;
using Fontana.Core.X402;

namespace Fontana.Sdk.Payments;

/// <summary>
/// Challenges handed out with paid responses (<see cref="FontanaHeaders.NextPaymentRequired"/>), kept per method and URL
/// until a call to the same method and URL takes one: each is taken once (a challenge buys one call), and one within
/// <see cref="ExpiryMargin"/> of its expiry is dropped. Bounded: at most <see cref="MaxEntries"/> challenges; past
/// <see cref="MaxKeys"/> distinct calls the pool starts over.
/// </summary>
internal sealed class ChallengePool
{
    public const int MaxEntries = 4096;
    public const int MaxKeys = 1024;

    /// <summary>A pooled challenge this close to its expiry is not used: the call would risk paying an expired one.</summary>
    public static readonly TimeSpan ExpiryMargin = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<string, ConcurrentQueue<Entry>> _byCall = new(StringComparer.Ordinal);
    private int _count;

    public int Count => Volatile.Read(ref _count);

    /// <summary>Keeps <paramref name="required"/> for the next call of <paramref name="method"/> <paramref name="url"/>;
    /// false when it has no readable expiry, expires too soon, or the pool is full.</summary>
    public bool Add(HttpMethod method, Uri url, PaymentRequired required, long nowSeconds)
    {
        if (EarliestExpiry(required) is not { } expiresAt || expiresAt - nowSeconds <= (long)ExpiryMargin.TotalSeconds)
        {
            return false;
        }

        if (Interlocked.Increment(ref _count) > MaxEntries)
        {
            Interlocked.Decrement(ref _count);
            return false;
        }

        if (_byCall.Count >= MaxKeys && !_byCall.ContainsKey(Key(method, url)))
        {
            Clear();
        }

        _byCall.GetOrAdd(Key(method, url), static _ => new ConcurrentQueue<Entry>()).Enqueue(new Entry(required, expiresAt));
        return true;
    }

    /// <summary>Takes a challenge for <paramref name="method"/> <paramref name="url"/> that is not about to expire.</summary>
    public bool TryTake(HttpMethod method, Uri url, long nowSeconds, out PaymentRequired required)
    {
        required = null!;
        if (Volatile.Read(ref _count) == 0 || !_byCall.TryGetValue(Key(method, url), out var queue))
        {
            return false;
        }

        while (queue.TryDequeue(out var entry))
        {
            Interlocked.Decrement(ref _count);
            if (entry.ExpiresAt - nowSeconds > (long)ExpiryMargin.TotalSeconds)
            {
                required = entry.Required;
                return true;
            }
        }

        return false;
    }

    private void Clear()
    {
        foreach (var key in _byCall.Keys)
        {
            if (_byCall.TryRemove(key, out var queue))
            {
                while (queue.TryDequeue(out _))
                {
                    Interlocked.Decrement(ref _count);
                }
            }
        }
    }

    private static string Key(HttpMethod method, Uri url) => string.Concat(method.Method, " ", url.AbsoluteUri);

    /// <summary>The earliest <c>expiresAt</c> of the Fontana <c>exact</c> offers, or null when none has one.</summary>
    private static long? EarliestExpiry(PaymentRequired required)
    {
        long? earliest = null;
        foreach (var offer in required.Accepts)
        {
            if (offer.Scheme == FontanaExact.Scheme
                && offer.Extra is { ValueKind: JsonValueKind.Object } extra
                && extra.TryGetProperty("expiresAt", out var value)
                && value.TryGetInt64(out var expiresAt))
            {
                earliest = earliest is { } e && e < expiresAt ? e : expiresAt;
            }
        }

        return earliest;
    }

    private readonly record struct Entry(PaymentRequired Required, long ExpiresAt);
}
