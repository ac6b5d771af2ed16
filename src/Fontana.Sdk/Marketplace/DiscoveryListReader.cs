using System.Globalization;
using System.Text.Json;

namespace Fontana.Sdk.Marketplace;

/// <summary>
/// Reads one page of an x402 v2 discovery list (x402-specification-v2 §8.1–8.2, coinbase/x402
/// <c>specs/x402-specification-v2.md</c>): <c>{x402Version, items: [{resource, type, x402Version, accepts: [PaymentRequirements],
/// lastUpdated, metadata}], pagination: {limit, offset, total}}</c>, plus the <c>provider</c> object of a Fontana
/// provider's <c>/.well-known/x402</c>. <c>lastUpdated</c> is read as unix seconds (the spec) or an ISO 8601 string
/// (what <c>@x402/extensions</c> declares). Anything else throws <see cref="MarketplaceException"/>
/// <c>discovery-malformed</c> naming the field; nothing else is thrown.
/// </summary>
internal static class DiscoveryListReader
{
    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 64 };

    public static DiscoveryListPage Read(ReadOnlyMemory<byte> json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, Options);
        }
        catch (JsonException ex)
        {
            throw Malformed($"not JSON: {ex.Message}");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw Malformed($"the document is a JSON {Kind(root)}, not an object");
            }

            var version = RequiredInt(root, "x402Version", "x402Version");
            var provider = root.TryGetProperty("provider", out var p) && p.ValueKind == JsonValueKind.Object
                ? new CatalogProvider(OptionalString(p, "payTo", "provider.payTo"), OptionalString(p, "network", "provider.network"),
                    OptionalString(p, "providerKey", "provider.providerKey"), OptionalString(p, "ledgerUrl", "provider.ledgerUrl"))
                : null;
            if (!root.TryGetProperty("items", out var items) || items.ValueKind != JsonValueKind.Array)
            {
                throw Malformed(root.TryGetProperty("items", out var wrong) ? $"items is a JSON {Kind(wrong)}, not an array" : "items is missing");
            }

            var list = new List<CatalogResource>(items.GetArrayLength());
            var index = 0;
            foreach (var item in items.EnumerateArray())
            {
                list.Add(ReadItem(item, $"items[{index++}]"));
            }

            int? total = null;
            int? offset = null;
            if (root.TryGetProperty("pagination", out var pagination) && pagination.ValueKind == JsonValueKind.Object)
            {
                total = OptionalInt(pagination, "total", "pagination.total");
                offset = OptionalInt(pagination, "offset", "pagination.offset");
            }

            return new DiscoveryListPage(version, provider, list, total, offset);
        }
    }

    private static CatalogResource ReadItem(JsonElement item, string at)
    {
        if (item.ValueKind != JsonValueKind.Object)
        {
            throw Malformed($"{at} is a JSON {Kind(item)}, not an object");
        }

        var resource = RequiredString(item, "resource", at);
        if (!item.TryGetProperty("accepts", out var accepts) || accepts.ValueKind != JsonValueKind.Array)
        {
            throw Malformed(item.TryGetProperty("accepts", out var wrong) ? $"{at}.accepts is a JSON {Kind(wrong)}, not an array" : $"{at}.accepts is missing");
        }

        var offers = new List<CatalogOffer>(accepts.GetArrayLength());
        var i = 0;
        foreach (var offer in accepts.EnumerateArray())
        {
            offers.Add(ReadOffer(offer, $"{at}.accepts[{i++}]"));
        }

        JsonElement? metadata = item.TryGetProperty("metadata", out var m) && m.ValueKind == JsonValueKind.Object ? m.Clone() : null;
        return new CatalogResource
        {
            Resource = resource,
            Path = PathOf(resource),
            Type = RequiredString(item, "type", at),
            X402Version = RequiredInt(item, "x402Version", at + ".x402Version"),
            Offers = offers,
            Methods = metadata is { } md && md.TryGetProperty("methods", out var methods) && methods.ValueKind == JsonValueKind.Array
                ? methods.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.String).Select(x => x.GetString()!).ToList()
                : [],
            Description = (metadata is { } d ? OptionalString(d, "description", at + ".metadata.description") : null)
                ?? OptionalString(item, "description", at + ".description"),
            PriceText = metadata is { } pm ? OptionalString(pm, "price", at + ".metadata.price") : null,
            DynamicPrice = metadata is { } dm && dm.TryGetProperty("dynamicPrice", out var dyn) && dyn.ValueKind == JsonValueKind.True,
            LastUpdated = ReadTime(item, at),
            Metadata = metadata,
        };
    }

    private static CatalogOffer ReadOffer(JsonElement offer, string at)
    {
        if (offer.ValueKind != JsonValueKind.Object)
        {
            throw Malformed($"{at} is a JSON {Kind(offer)}, not an object");
        }

        var amount = RequiredString(offer, "amount", at);
        if (amount.Length == 0 || !amount.All(char.IsAsciiDigit))
        {
            throw Malformed($"{at}.amount \"{amount}\" is not a whole number of base units");
        }

        long? timeout = null;
        if (offer.TryGetProperty("maxTimeoutSeconds", out var t) && t.ValueKind != JsonValueKind.Null)
        {
            timeout = t.ValueKind == JsonValueKind.Number && t.TryGetInt64(out var seconds) && seconds >= 0
                ? seconds
                : throw Malformed($"{at}.maxTimeoutSeconds is not a whole number of seconds");
        }

        JsonElement? extra = offer.TryGetProperty("extra", out var e) && e.ValueKind == JsonValueKind.Object ? e.Clone() : null;
        return new CatalogOffer(
            RequiredString(offer, "scheme", at), RequiredString(offer, "network", at), amount,
            RequiredString(offer, "asset", at), RequiredString(offer, "payTo", at), timeout, extra);
    }

    private static DateTimeOffset? ReadTime(JsonElement item, string at)
    {
        if (!item.TryGetProperty("lastUpdated", out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var seconds) && seconds is >= 0 and <= 253_402_300_799)
        {
            return DateTimeOffset.FromUnixTimeSeconds(seconds);
        }

        if (value.ValueKind == JsonValueKind.String
            && DateTimeOffset.TryParse(value.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
        {
            return time;
        }

        throw Malformed($"{at}.lastUpdated is neither unix seconds nor an ISO 8601 time");
    }

    private static string PathOf(string resource) =>
        Uri.TryCreate(resource, UriKind.Absolute, out var url) && url.Scheme is "http" or "https"
            ? Uri.UnescapeDataString(url.AbsolutePath)
            : resource;

    private static string RequiredString(JsonElement obj, string name, string at)
    {
        if (!obj.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            throw Malformed($"{at}.{name} is missing");
        }

        return value.ValueKind == JsonValueKind.String ? value.GetString()! : throw Malformed($"{at}.{name} is a JSON {Kind(value)}, not a string");
    }

    private static string? OptionalString(JsonElement obj, string name, string at)
    {
        if (!obj.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String ? value.GetString() : throw Malformed($"{at} is a JSON {Kind(value)}, not a string");
    }

    private static int RequiredInt(JsonElement obj, string name, string at) =>
        OptionalInt(obj, name, at) ?? throw Malformed($"{at} is missing");

    private static int? OptionalInt(JsonElement obj, string name, string at)
    {
        if (!obj.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number) && number >= 0
            ? number
            : throw Malformed($"{at} is not a whole number");
    }

    private static string Kind(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "object",
        JsonValueKind.Array => "array",
        JsonValueKind.String => "string",
        JsonValueKind.Number => "number",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        _ => "null",
    };

    private static MarketplaceException Malformed(string message) => new(MarketplaceException.Malformed, message);
}
