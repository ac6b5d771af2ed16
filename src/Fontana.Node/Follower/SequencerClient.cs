using System.Globalization;
using System.Net;
using Fontana.Core.Api;
using Fontana.Core.Blocks;
using Fontana.Core.Encoding;
using Fontana.Node.Options;
using Microsoft.Extensions.Options;

namespace Fontana.Node.Follower;

/// <summary>
/// A follower's HTTP client of its sequencer: the tip header, block payloads (<c>GET /v1/blocks/{h}/raw</c>) and
/// forwarded submissions. Nothing it returns is trusted: the follower verifies every header and block itself.
/// Network failures, timeouts and 5xx answers throw <see cref="SequencerUnavailableException"/>.
/// </summary>
internal sealed class SequencerClient
{
    /// <summary>The name of the <see cref="HttpClient"/> (no client timeout: <see cref="FollowerOptions.RequestTimeout"/> applies per call).</summary>
    public const string HttpClientName = "fontana-sequencer";

    private const long MaxPayloadBytes = 256L * 1024 * 1024;
    private readonly IHttpClientFactory _clients;
    private readonly FollowerOptions _options;

    public SequencerClient(IHttpClientFactory clients, IOptions<FontanaNodeOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _clients = clients;
        _options = options.Value.Follower;
        BaseAddress = new Uri(_options.SequencerUrl!.TrimEnd('/') + "/");
    }

    /// <summary>The sequencer's base URL.</summary>
    public Uri BaseAddress { get; }

    /// <summary>The sequencer's <c>/v1/stream</c> WebSocket URL.</summary>
    public Uri StreamUri => new(BaseAddress.GetLeftPart(UriPartial.Authority).Replace("http", "ws", StringComparison.Ordinal) + BaseAddress.AbsolutePath + "v1/stream");

    /// <summary>The sequencer's tip header (signature not yet checked).</summary>
    public async Task<BlockHeader> GetTipAsync(CancellationToken cancellationToken)
    {
        var dto = await SendAsync(async (http, ct) =>
        {
            using var response = await http.GetAsync(new Uri(BaseAddress, "v1/headers/tip"), ct);
            await EnsureSuccessAsync(response, "GET /v1/headers/tip");
            return await response.Content.ReadFromJsonAsync(ApiJsonContext.Default.HeaderDto, ct);
        }, cancellationToken);
        if (dto?.Encoded is not { } encoded || !BlockHeaderCodec.TryDecode(Convert.FromBase64String(encoded), out var header))
        {
            throw new SequencerUnavailableException("the sequencer's /v1/headers/tip holds no decodable header");
        }

        return header;
    }

    /// <summary>The DA payload of block <paramref name="height"/> (block 0 carries the genesis), or null when the
    /// sequencer has no such block.</summary>
    public Task<byte[]?> GetPayloadAsync(ulong height, CancellationToken cancellationToken) =>
        SendAsync(async (http, ct) =>
        {
            var path = "v1/blocks/" + height.ToString(CultureInfo.InvariantCulture) + "/raw";
            using var response = await http.GetAsync(new Uri(BaseAddress, path), HttpCompletionOption.ResponseHeadersRead, ct);
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                return null;
            }

            await EnsureSuccessAsync(response, "GET /" + path);
            if (response.Content.Headers.ContentLength > MaxPayloadBytes)
            {
                throw new SequencerUnavailableException($"block {height} from the sequencer is larger than {MaxPayloadBytes} bytes");
            }

            return await response.Content.ReadAsByteArrayAsync(ct);
        }, cancellationToken);

    /// <summary>Sends <paramref name="body"/> to the sequencer's <c>POST /v1/transactions</c> and returns its answer as it is.</summary>
    public Task<ForwardedResponse> ForwardSubmissionAsync(byte[] body, string? contentType, CancellationToken cancellationToken) =>
        SendAsync(async (http, ct) =>
        {
            using var content = new ByteArrayContent(body);
            content.Headers.TryAddWithoutValidation("Content-Type", contentType ?? "application/json");
            using var response = await http.PostAsync(new Uri(BaseAddress, "v1/transactions"), content, ct);
            if ((int)response.StatusCode >= 500 && response.StatusCode != HttpStatusCode.ServiceUnavailable)
            {
                throw new SequencerUnavailableException($"the sequencer answered {(int)response.StatusCode} to POST /v1/transactions");
            }

            return new ForwardedResponse((int)response.StatusCode, response.Content.Headers.ContentType?.ToString(),
                await response.Content.ReadAsByteArrayAsync(ct));
        }, cancellationToken);

    private async Task<T> SendAsync<T>(Func<HttpClient, CancellationToken, Task<T>> send, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.RequestTimeout);
        try
        {
            return await send(_clients.CreateClient(HttpClientName), timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new SequencerUnavailableException($"the sequencer at {BaseAddress} did not answer within {_options.RequestTimeout}");
        }
        catch (HttpRequestException ex)
        {
            throw new SequencerUnavailableException($"the sequencer at {BaseAddress} cannot be reached: {ex.Message}", ex);
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or FormatException)
        {
            throw new SequencerUnavailableException($"the sequencer at {BaseAddress} answered something unreadable: {ex.Message}", ex);
        }
    }

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, string what)
    {
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync();
            throw new SequencerUnavailableException($"the sequencer answered {(int)response.StatusCode} to {what}: {body[..Math.Min(body.Length, 200)]}");
        }
    }
}
