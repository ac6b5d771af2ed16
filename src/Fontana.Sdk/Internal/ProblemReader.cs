using System.Net.Http.Headers;
using System.Text.Json;
using Fontana.Core.Errors;

namespace Fontana.Sdk.Internal;

/// <summary>Maps a non-success node answer (RFC 9457 problem+json with a <c>code</c>) to a typed exception.</summary>
internal static class ProblemReader
{
    public static async Task<FontanaApiException> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        string? code = null;
        string? title = null;
        string? detail = null;
        try
        {
            var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            if (bytes.Length > 0 && IsJson(response.Content.Headers.ContentType))
            {
                (code, title, detail) = Parse(bytes);
            }
        }
        catch (JsonException)
        {
            // Not problem+json after all: fall back to the status below.
        }
        catch (HttpRequestException)
        {
            // The body could not be read; the status still says what happened.
        }

        return Create(status, code, title, detail);
    }

    internal static FontanaApiException Create(int status, string? code, string? title, string? detail)
    {
        code ??= status switch
        {
            404 => ErrorCodes.NotFound,
            503 => ErrorCodes.NotReady,
            _ => "http-" + status.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        var message = $"{code}: {detail ?? title ?? "the node answered HTTP " + status.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
        if (code == InputSpentException.InputSpentCode)
        {
            return new InputSpentException(status, message, detail);
        }

        return status switch
        {
            404 => new FontanaNotFoundException(code, message, detail),
            409 or 422 => new TransactionRejectedException(code, status, message, detail),
            _ => new FontanaApiException(code, status, message, detail),
        };
    }

    private static bool IsJson(MediaTypeHeaderValue? contentType) =>
        contentType?.MediaType is { } media && media.EndsWith("json", StringComparison.OrdinalIgnoreCase);

    private static (string? Code, string? Title, string? Detail) Parse(byte[] json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            return (null, null, null);
        }

        return (GetString(root, "code"), GetString(root, "title"), GetString(root, "detail"));
    }

    private static string? GetString(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
