using System.Text.Json;
using Fontana.Core.Api;
using Fontana.Node.Options;

namespace Fontana.Cli.Infrastructure;

/// <summary>The operator's bridge calls (not in the SDK's FontanaClient: they need the bridge API key). The key
/// comes from <c>--bridge-key</c>, <c>$FONTANA_BRIDGE_KEY</c>, <c>$FONTANA__Bridge__ApiKey</c>, or the devnet's
/// <c>bridge-api.key</c> file in the data dir.</summary>
internal static class BridgeClient
{
    public const string DevnetKeyFile = "bridge-api.key";

    public static string ResolveKey(CliContext context, string? option, string devnetDataDir)
    {
        var key = option ?? Environment.GetEnvironmentVariable("FONTANA_BRIDGE_KEY") ?? Environment.GetEnvironmentVariable("FONTANA__Bridge__ApiKey");
        if (string.IsNullOrEmpty(key))
        {
            var file = Path.Combine(context.DataDir(devnetDataDir), DevnetKeyFile);
            key = File.Exists(file) ? File.ReadAllText(file).Trim() : null;
        }

        return string.IsNullOrEmpty(key)
            ? throw new CliFailure(CliErrorCodes.BadArgument, "no bridge key: pass --bridge-key or set FONTANA_BRIDGE_KEY")
            : key;
    }

    public static async Task<ReceiptDto> PostAsync<T>(CliContext context, string key, string path, T body,
        System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type, CancellationToken ct)
    {
        using var http = new HttpClient { BaseAddress = context.NodeUrl, Timeout = TimeSpan.FromSeconds(30) };
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body, type) };
        request.Headers.Add(BridgeOptions.DefaultHeaderName, key);
        using var response = await http.SendAsync(request, ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        if (!response.IsSuccessStatusCode)
        {
            string? code = null;
            string? detail = null;
            try
            {
                using var doc = JsonDocument.Parse(text);
                code = doc.RootElement.TryGetProperty("code", out var c) ? c.GetString() : null;
                detail = doc.RootElement.TryGetProperty("detail", out var d) ? d.GetString() : null;
            }
            catch (JsonException)
            {
                // not a problem document
            }

            throw new CliFailure(code ?? $"http-{(int)response.StatusCode}", detail ?? $"the node answered HTTP {(int)response.StatusCode}");
        }

        return JsonSerializer.Deserialize(text, ApiJsonContext.Default.ReceiptDto)
            ?? throw new CliFailure(CliErrorCodes.BadResponse, "empty answer from the node");
    }
}
