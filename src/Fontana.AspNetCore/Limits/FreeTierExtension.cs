using System.Text.Json;

namespace Fontana.AspNetCore.Limits;

/// <summary>The <c>PAYMENT-REQUIRED</c> extension that says when a client's next free call comes:
/// <c>{"freeTier": {"remaining": 0, "nextFreeAt": UNIX_SECONDS, "retryAfterSeconds": N}}</c>.</summary>
internal static class FreeTierExtension
{
    /// <summary><paramref name="extensions"/> (the 402's other extensions, if any) with <c>freeTier</c> added.</summary>
    public static JsonElement Create(WindowDecision exhausted, JsonElement? extensions = null)
    {
        var all = new Dictionary<string, object>();
        if (extensions is { ValueKind: JsonValueKind.Object } existing)
        {
            foreach (var property in existing.EnumerateObject())
            {
                all[property.Name] = property.Value;
            }
        }

        all["freeTier"] = new Dictionary<string, long>
        {
            ["remaining"] = 0,
            ["nextFreeAt"] = exhausted.NextWindowAt.ToUnixTimeSeconds(),
            ["retryAfterSeconds"] = Math.Max(1, (long)Math.Ceiling(exhausted.RetryAfter.TotalSeconds)),
        };
        return JsonSerializer.SerializeToElement(all);
    }
}
