using System.Buffers;
using System.Text.Json;
using Fontana.AspNetCore.Payments;
using Fontana.Core.X402;

namespace Fontana.AspNetCore.Discovery;

/// <summary>
/// Writes the discovery manifest (<c>GET /.well-known/x402</c>): the provider (payTo, network, challenge key,
/// ledger URL) and one item per priced route in the shape of x402's discovery items — resource URL, type
/// <c>http</c>, x402Version, accepts[] (without a challenge: that is issued per request), and metadata with the
/// HTTP methods, the price as text and the description. Routes priced per request list no offer and
/// <c>dynamicPrice: true</c>.
/// </summary>
internal static class DiscoveryDocument
{
    public static byte[] Write(HttpRequest request, EndpointDataSource endpoints, ProviderIdentity identity, ChallengeIssuer issuer)
    {
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
            writer.WriteString("ledgerUrl", identity.LedgerUrl ?? string.Concat(request.Scheme, "://", request.Host.Value));
            writer.WriteEndObject();
            writer.WriteStartArray("items");
            foreach (var endpoint in endpoints.Endpoints)
            {
                if (endpoint is RouteEndpoint route && EffectivePrice.Of(endpoint) is { } price)
                {
                    WriteItem(writer, origin, route, price, identity, issuer);
                }
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteItem(
        Utf8JsonWriter writer, string origin, RouteEndpoint route, IPriceMetadata price, ProviderIdentity identity, ChallengeIssuer issuer)
    {
        var path = route.RoutePattern.RawText ?? string.Empty;
        writer.WriteStartObject();
        writer.WriteString("resource", origin + (path.StartsWith('/') ? path : "/" + path));
        writer.WriteString("type", "http");
        writer.WriteNumber("x402Version", X402Protocol.Version);
        writer.WriteStartArray("accepts");
        if (price.FixedPrice is { } fixedPrice)
        {
            writer.WriteRawValue(X402Json.SerializeToUtf8Bytes(issuer.CreateRequirements(fixedPrice, extra: null)));
        }

        writer.WriteEndArray();
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
