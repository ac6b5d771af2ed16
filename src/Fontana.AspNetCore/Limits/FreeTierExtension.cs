using System.Text.Json;

namespace Fontana.AspNetCore.Limits;

/// <summary>The <c>PAYMENT-REQUIRED</c> extension that says when a client's next free call comes:
/// <c>{"freeTier": {"remaining": 0, "nextFreeAt": UNIX_SECONDS, "retryAfterSeconds": N}}</c>.</summary>
internal static class FreeTierExtension
{
    public static JsonElement Create(WindowDecision exhausted) => JsonSerializer.SerializeToElement(new Dictionary<string, object>
    {
        ["freeTier"] = new Dictionary<string, long>
        {
            ["remaining"] = 0,
            ["nextFreeAt"] = exhausted.NextWindowAt.ToUnixTimeSeconds(),
            ["retryAfterSeconds"] = Math.Max(1, (long)Math.Ceiling(exhausted.RetryAfter.TotalSeconds)),
        },
    });
}
