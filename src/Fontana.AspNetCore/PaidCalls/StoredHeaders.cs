using System.Text.Json;

namespace Fontana.AspNetCore.PaidCalls;

/// <summary>The stored headers of a response as JSON text (<c>[["name","value"],…]</c>), for the SQL stores.</summary>
internal static class StoredHeaders
{
    public static string Serialize(IReadOnlyList<KeyValuePair<string, string>> headers)
    {
        var pairs = new string[headers.Count][];
        for (var i = 0; i < headers.Count; i++)
        {
            pairs[i] = [headers[i].Key, headers[i].Value];
        }

        return JsonSerializer.Serialize(pairs, PaidCallJsonContext.Default.StringArrayArray);
    }

    public static IReadOnlyList<KeyValuePair<string, string>> Deserialize(string json)
    {
        var pairs = JsonSerializer.Deserialize(json, PaidCallJsonContext.Default.StringArrayArray) ?? [];
        var headers = new List<KeyValuePair<string, string>>(pairs.Length);
        foreach (var pair in pairs)
        {
            if (pair is [var name, var value])
            {
                headers.Add(new KeyValuePair<string, string>(name, value));
            }
        }

        return headers;
    }
}

[System.Text.Json.Serialization.JsonSerializable(typeof(string[][]))]
internal sealed partial class PaidCallJsonContext : System.Text.Json.Serialization.JsonSerializerContext;
