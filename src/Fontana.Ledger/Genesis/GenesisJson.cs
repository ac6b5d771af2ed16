using System.Globalization;
using System.Text.Json;
using Fontana.Core;
using Fontana.Core.Crypto;

namespace Fontana.Ledger.Genesis;

/// <summary>Reads and writes genesis.json; every error names the field (code <c>invalid-genesis</c>).</summary>
internal static class GenesisJson
{
    private static readonly string[] Fields =
    [
        "chainId", "timestamp", "sequencerPublicKey", "bridgeAuthorityPublicKey", "feeAddress", "minFee", "blockInterval", "allocations",
    ];

    public static GenesisDocument Parse(string json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            throw new LedgerException(LedgerErrorCodes.InvalidGenesis, $"genesis is not valid JSON: {e.Message}", e);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw GenesisDocument.Invalid("document", "must be a JSON object");
            }

            foreach (var property in root.EnumerateObject())
            {
                if (Array.IndexOf(Fields, property.Name) < 0)
                {
                    throw GenesisDocument.Invalid(property.Name, $"is not a genesis field (known: {string.Join(", ", Fields)})");
                }
            }

            var chainId = String(root, "chainId");
            var timestamp = ParseTimestamp(String(root, "timestamp"));
            var sequencer = Key(root, "sequencerPublicKey");
            var bridge = Key(root, "bridgeAuthorityPublicKey");
            var feeAddress = ParseAddress(String(root, "feeAddress"), "feeAddress");
            var minFee = ParseAmount(String(root, "minFee"), "minFee");
            var interval = ParseInterval(Required(root, "blockInterval"));
            var allocations = ParseAllocations(Required(root, "allocations"));
            return new GenesisDocument(chainId, timestamp, sequencer, bridge, feeAddress, minFee, interval, allocations);
        }
    }

    public static string Write(GenesisDocument g)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteString("chainId", g.ChainId);
            writer.WriteString("timestamp", g.Timestamp.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
            writer.WriteString("sequencerPublicKey", g.SequencerPublicKey.ToString());
            writer.WriteString("bridgeAuthorityPublicKey", g.BridgeAuthorityPublicKey.ToString());
            writer.WriteString("feeAddress", g.FeeAddress.ToString());
            writer.WriteString("minFee", g.MinFee.Utia.ToString(CultureInfo.InvariantCulture));
            writer.WriteString("blockInterval", FormatInterval(g.BlockInterval));
            writer.WriteStartArray("allocations");
            foreach (var allocation in g.Allocations)
            {
                writer.WriteStartObject();
                writer.WriteString("address", allocation.Address.ToString());
                writer.WriteString("amount", allocation.Amount.Utia.ToString(CultureInfo.InvariantCulture));
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    internal static string FormatInterval(TimeSpan interval)
    {
        var ms = interval.Ticks / TimeSpan.TicksPerMillisecond;
        return ms % 1000 == 0 ? (ms / 1000).ToString(CultureInfo.InvariantCulture) + "s" : ms.ToString(CultureInfo.InvariantCulture) + "ms";
    }

    /// <summary>Parses "6s", "500ms", "2m" or "1h" (also used by options binding).</summary>
    internal static bool TryParseInterval(string text, out TimeSpan interval)
    {
        interval = default;
        var s = text.Trim();
        (string Suffix, long Ms)[] units = [("ms", 1), ("s", 1000), ("m", 60_000), ("h", 3_600_000)];
        foreach (var (suffix, ms) in units)
        {
            if (s.EndsWith(suffix, StringComparison.OrdinalIgnoreCase)
                && long.TryParse(s.AsSpan(0, s.Length - suffix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var n)
                && n <= 3_600_000 / ms)
            {
                interval = TimeSpan.FromMilliseconds(n * ms);
                return true;
            }
        }

        return false;
    }

    private static JsonElement Required(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null
            ? value
            : throw GenesisDocument.Invalid(name, "is missing");

    private static string String(JsonElement root, string name)
    {
        var value = Required(root, name);
        return value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : throw GenesisDocument.Invalid(name, $"must be a string, not {value.ValueKind}");
    }

    private static PublicKey Key(JsonElement root, string name) =>
        PublicKey.TryParse(String(root, name), out var key)
            ? key
            : throw GenesisDocument.Invalid(name, "must be a 32-byte Ed25519 public key as 64 hex characters");

    private static Address ParseAddress(string text, string field) =>
        Address.TryParse(text, out var address, out var error) ? address : throw GenesisDocument.Invalid(field, error);

    private static Amount ParseAmount(string text, string field)
    {
        if (Amount.TryParseUtia(text, out var utia, out _))
        {
            return utia;
        }

        return Amount.TryParse(text, out var amount, out var error)
            ? amount
            : throw GenesisDocument.Invalid(field, $"must be a decimal string of utia (or \"0.5 TIA\"): {error}");
    }

    private static DateTimeOffset ParseTimestamp(string text)
    {
        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var value)
            || !(text.EndsWith('Z') || text.EndsWith("z", StringComparison.Ordinal) || text.Contains('+', StringComparison.Ordinal) || text.LastIndexOf('-') > 9))
        {
            throw GenesisDocument.Invalid("timestamp", $"\"{text}\" must be an RFC 3339 time with a zone, e.g. \"2025-01-01T00:00:00Z\"");
        }

        return value;
    }

    private static TimeSpan ParseInterval(JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var ms) && ms > 0 && ms <= 3_600_000)
        {
            return TimeSpan.FromMilliseconds(ms);
        }

        if (value.ValueKind == JsonValueKind.String && TryParseInterval(value.GetString()!, out var interval))
        {
            return interval;
        }

        throw GenesisDocument.Invalid("blockInterval", "must be a duration such as \"6s\" or \"500ms\", or a number of milliseconds");
    }

    private static List<GenesisAllocation> ParseAllocations(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Array)
        {
            throw GenesisDocument.Invalid("allocations", "must be an array of {\"address\", \"amount\"}");
        }

        var list = new List<GenesisAllocation>(value.GetArrayLength());
        var i = 0;
        foreach (var item in value.EnumerateArray())
        {
            var at = $"allocations[{i}]";
            if (item.ValueKind != JsonValueKind.Object)
            {
                throw GenesisDocument.Invalid(at, "must be an object {\"address\", \"amount\"}");
            }

            foreach (var property in item.EnumerateObject())
            {
                if (property.Name is not ("address" or "amount"))
                {
                    throw GenesisDocument.Invalid($"{at}.{property.Name}", "is not an allocation field (address, amount)");
                }
            }

            var address = ParseAddress(String(item, "address", at), at + ".address");
            var amount = ParseAmount(String(item, "amount", at), at + ".amount");
            list.Add(new GenesisAllocation(address, amount));
            i++;
        }

        return list;
    }

    private static string String(JsonElement item, string name, string at) =>
        item.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : throw GenesisDocument.Invalid($"{at}.{name}", "must be a string");
}
