using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Fontana.Core.Errors;
using Microsoft.AspNetCore.Http.Features;

namespace Fontana.Node.Api;

/// <summary>
/// Reads a JSON request body under a per-endpoint size limit, answering problems instead of throwing:
/// 413 <c>payload-too-large</c> (declared or actual length over the limit), 415 <c>unsupported-media-type</c>
/// (Content-Type missing, not JSON, or not UTF-8), 400 <c>malformed-json</c> (also for a property named twice).
/// </summary>
internal static class JsonBody
{
    public static async Task<(T? Value, IResult? Problem)> ReadAsync<T>(HttpRequest request, JsonTypeInfo<T> typeInfo, long maxBytes)
        where T : class
    {
        if (request.ContentLength is { } declared && declared > maxBytes)
        {
            return (null, TooLarge(maxBytes));
        }

        var sizeFeature = request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (sizeFeature is { IsReadOnly: false } && (sizeFeature.MaxRequestBodySize is null || sizeFeature.MaxRequestBodySize > maxBytes))
        {
            sizeFeature.MaxRequestBodySize = maxBytes;
        }

        if (ContentTypeProblem(request.ContentType) is { } wrongType)
        {
            return (null, ApiProblems.Create(StatusCodes.Status415UnsupportedMediaType, ErrorCodes.UnsupportedMediaType, wrongType));
        }

        try
        {
            // Buffer with an explicit cap as well: the size feature is read-only once the body has been touched.
            using var buffer = new MemoryStream();
            var chunk = new byte[8192];
            int read;
            while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted)) > 0)
            {
                if (buffer.Length + read > maxBytes)
                {
                    return (null, TooLarge(maxBytes));
                }

                buffer.Write(chunk, 0, read);
            }

            if (buffer.Length == 0)
            {
                return (null, ApiProblems.Create(StatusCodes.Status400BadRequest, ErrorCodes.MalformedJson, "the request body is empty"));
            }

            var value = JsonSerializer.Deserialize(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), typeInfo);
            return value is null
                ? (null, ApiProblems.Create(StatusCodes.Status400BadRequest, ErrorCodes.MalformedJson, "the request body is JSON null"))
                : (value, null);
        }
        catch (JsonException ex)
        {
            return (null, ApiProblems.Create(StatusCodes.Status400BadRequest, ErrorCodes.MalformedJson, $"the body is not valid JSON for this request: {ex.Message}"));
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, TooLarge(maxBytes));
        }
    }

    private static IResult TooLarge(long maxBytes) =>
        ApiProblems.Create(StatusCodes.Status413PayloadTooLarge, ErrorCodes.PayloadTooLarge, $"the request body is limited to {maxBytes} bytes");

    /// <summary>Why the body's Content-Type is refused, or null: it must be JSON (<c>application/json</c> or
    /// <c>…+json</c>), and UTF-8 (no charset, or <c>charset=utf-8</c>) — a body is never guessed to be UTF-8.</summary>
    internal static string? ContentTypeProblem(string? contentType)
    {
        if (string.IsNullOrWhiteSpace(contentType))
        {
            return "send the body as JSON with Content-Type: application/json";
        }

        if (!MediaTypeHeaderValue.TryParse(contentType, out var parsed) || parsed.MediaType is not { } mediaType)
        {
            return $"Content-Type '{contentType}' cannot be read; send application/json";
        }

        var json = mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || (mediaType.StartsWith("application/", StringComparison.OrdinalIgnoreCase) && mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase));
        if (!json)
        {
            return $"expected Content-Type application/json, got {mediaType}";
        }

        var charset = parsed.CharSet?.Trim('"');
        return charset is null || charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase) || charset.Equals("utf8", StringComparison.OrdinalIgnoreCase)
            ? null
            : $"the body must be UTF-8 JSON; charset={charset} is not accepted";
    }
}
