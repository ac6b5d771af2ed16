using System.Buffers;
using System.Text.Json;
using Fontana.AspNetCore.Payments;
using Fontana.Core.X402;

namespace Fontana.AspNetCore.Discovery;

/// <summary>
/// Writes the discovery manifest (<c>GET /.well-known/x402</c>) in the shape of x402 v2's discovery list (§8): the
/// provider (payTo, network, challenge key, ledger URL), one item per priced route — resource URL, type <c>http</c>,
/// x402Version, accepts[] with their <c>extra</c> (provider key, ledger URL, asset decimals; the challenge itself is
/// issued per request, by the 402), <c>lastUpdated</c>, and metadata with the HTTP methods, the price as text and
/// the description — and <c>pagination</c> (<c>limit</c>, <c>offset</c>, <c>total</c>). Routes priced per request
/// list no offer and <c>dynamicPrice: true</c>.
/// </summary>
internal static class DiscoveryDocument
{
    public static byte[] Write(
        HttpRequest request, EndpointDataSource endpoints, ProviderIdentity identity, ChallengeIssuer issuer, DiscoveryPage page, long lastUpdated)
    {
        var ledgerUrl = identity.LedgerUrl ?? string.Concat(request.Scheme, "://", request.Host.Value);
        var extra = JsonSerializer.SerializeToElement(new Dictionary<string, object>
        {
            ["providerKey"] = identity.ProviderKey.ToString(),
            ["ledgerUrl"] = ledgerUrl,
            ["assetDecimals"] = 6,
        });
        var origin = string.Concat(request.Scheme, "://", request.Host.Value, request.PathBase.Value);
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteNumber("x402Version", X402Protocol.Version);
            writer.WriteStartObject("provider");
            writer.WriteString("payTo", identity.PayToText);
            writer.WriteString("network", identity.Network);
            writer.WriteString("providerKey", identity.ProviderKey.ToString());
            writer.WriteString("ledgerUrl", ledgerUrl);
            writer.WriteEndObject();
            writer.WriteStartArray("items");
            var total = 0;
            foreach (var endpoint in endpoints.Endpoints)
            {
                if (endpoint is RouteEndpoint route && EffectivePrice.Of(endpoint) is { } price)
                {
                    if (total >= page.Offset && total - page.Offset < page.Limit)
                    {
                        WriteItem(writer, origin, route, price, identity, issuer, extra, lastUpdated);
                    }

                    total++;
                }
            }

            writer.WriteEndArray();
            writer.WriteStartObject("pagination");
            writer.WriteNumber("limit", page.Limit);
            writer.WriteNumber("offset", page.Offset);
            writer.WriteNumber("total", total);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteItem(
        Utf8JsonWriter writer, string origin, RouteEndpoint route, IPriceMetadata price, ProviderIdentity identity, ChallengeIssuer issuer,
        JsonElement extra, long lastUpdated)
    {
        var path = route.RoutePattern.RawText ?? string.Empty;
        writer.WriteStartObject();
        writer.WriteString("resource", origin + (path.StartsWith('/') ? path : "/" + path));
        writer.WriteString("type", "http");
        writer.WriteNumber("x402Version", X402Protocol.Version);
        writer.WriteStartArray("accepts");
        if (price.FixedPrice is { } fixedPrice)
        {
            writer.WriteRawValue(X402Json.SerializeToUtf8Bytes(issuer.CreateRequirements(fixedPrice, extra)));
        }

        writer.WriteEndArray();
        writer.WriteNumber("lastUpdated", lastUpdated);
        writer.WriteStartObject("metadata");
        writer.WriteStartArray("methods");
        if (route.Metadata.GetMetadata<IHttpMethodMetadata>() is { } methods)
        {
            foreach (var method in methods.HttpMethods)
            {
                writer.WriteStringValue(method);
            }
        }

        writer.WriteEndArray();
        if (price.FixedPrice is { } text)
        {
            writer.WriteString("price", text.ToString());
        }

        writer.WriteBoolean("dynamicPrice", price.FixedPrice is null);
        writer.WriteString("network", identity.Network);
        if (price.Description is not null)
        {
            writer.WriteString("description", price.Description);
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
    }
}
