using Microsoft.AspNetCore.Http.Features;

namespace Fontana.AspNetCore.PaidCalls;

/// <summary>
/// One paid call's response being recorded: installed by the gate just before the handler runs (the response body
/// goes through a <see cref="CapturingStream"/>), finished by <see cref="PaidCallCaptureMiddleware"/> once the whole
/// response was written, which stores it for replays.
/// </summary>
internal sealed class PaidCallRecording
{
    private static readonly HashSet<string> NotReplayed = new(StringComparer.OrdinalIgnoreCase)
    {
        "Date", "Server", "Content-Length", "Transfer-Encoding", "Connection", "Keep-Alive", "Set-Cookie", "Alt-Svc", "Upgrade",
        Fontana.Core.X402.FontanaHeaders.NextPaymentRequired,
    };

    private readonly HttpContext _context;
    private readonly IHttpResponseBodyFeature _original;
    private readonly StreamResponseBodyFeature _capturing;
    private readonly CapturingStream _stream;
    private int _finished;

    private PaidCallRecording(HttpContext context, string key, int limit)
    {
        _context = context;
        Key = key;
        _original = context.Features.GetRequiredFeature<IHttpResponseBodyFeature>();
        _stream = new CapturingStream(_original.Stream, limit);
        _capturing = new StreamResponseBodyFeature(_stream, _original);
    }

    public string Key { get; }

    /// <summary>Starts recording <paramref name="context"/>'s response.</summary>
    public static PaidCallRecording Start(HttpContext context, string key, int limit)
    {
        var recording = new PaidCallRecording(context, key, limit);
        context.Features.Set<IHttpResponseBodyFeature>(recording._capturing);
        context.Features.Set(recording);
        return recording;
    }

    /// <summary>
    /// Ends the recording (once): flushes what the handler wrote, gives the body feature back, and returns what to
    /// store — the response, or null with the reason it cannot be replayed.
    /// </summary>
    public async Task<(StoredResponse? Response, string? NotStoredReason)?> FinishAsync(Exception? failure, int limit)
    {
        if (Interlocked.Exchange(ref _finished, 1) == 1)
        {
            return null;
        }

        try
        {
            if (failure is null)
            {
                await _capturing.CompleteAsync().ConfigureAwait(false);
            }
        }
        finally
        {
            _context.Features.Set(_original);
        }

        var response = _context.Response;
        if (failure is not null)
        {
            return response.HasStarted
                ? (null, $"the handler failed after its response started ({failure.GetType().Name})")
                : (new StoredResponse(StatusCodes.Status500InternalServerError, [], []), null);
        }

        if (_stream.Overflowed)
        {
            return (null, $"the response was larger than the {limit} bytes this provider stores for replays");
        }

        var headers = new List<KeyValuePair<string, string>>();
        foreach (var (name, values) in response.Headers)
        {
            if (!NotReplayed.Contains(name))
            {
                headers.Add(new KeyValuePair<string, string>(name, values.ToString()));
            }
        }

        return (new StoredResponse(response.StatusCode, headers, _stream.Captured ?? []), null);
    }
}
