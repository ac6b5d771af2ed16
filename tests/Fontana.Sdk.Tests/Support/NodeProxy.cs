using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Fontana.Sdk.Tests.Support;

/// <summary>
/// A real HTTP proxy (Kestrel, 127.0.0.1) in front of a node that counts submissions and transaction-status reads; with
/// <c>loseSubmissionAnswers</c> it forwards a submission, lets the node answer, and then aborts the client's connection
/// instead of relaying the answer — the node has the transaction, the client does not know.
/// </summary>
internal sealed class NodeProxy : IAsyncDisposable
{
    private readonly HttpClient _http = new();
    private long _submissions;
    private long _statusReads;

    private NodeProxy(KestrelHost host) => Host = host;

    public KestrelHost Host { get; private set; }

    public Uri BaseAddress => Host.BaseAddress;

    public long Submissions => Interlocked.Read(ref _submissions);

    public long StatusReads => Interlocked.Read(ref _statusReads);

    public static async Task<NodeProxy> StartAsync(Uri node, bool loseSubmissionAnswers)
    {
        NodeProxy? proxy = null;
        var host = await KestrelHost.StartAsync(new Dictionary<string, string?>(), _ => { }, app => app.Run(context => proxy!.ForwardAsync(context, node, loseSubmissionAnswers)));
        proxy = new NodeProxy(host);
        return proxy;
    }

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        _http.Dispose();
    }

    private async Task ForwardAsync(HttpContext context, Uri node, bool loseSubmissionAnswers)
    {
        var path = context.Request.Path.Value!.TrimStart('/') + context.Request.QueryString;
        var submission = HttpMethods.IsPost(context.Request.Method) && path == "v1/transactions";
        if (submission)
        {
            Interlocked.Increment(ref _submissions);
        }
        else if (path.StartsWith("v1/transactions/", StringComparison.Ordinal))
        {
            Interlocked.Increment(ref _statusReads);
        }

        using var request = new HttpRequestMessage(new HttpMethod(context.Request.Method), new Uri(node, path));
        if (HttpMethods.IsPost(context.Request.Method))
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body);
            request.Content = new ByteArrayContent(body.ToArray());
            request.Content.Headers.TryAddWithoutValidation("Content-Type", context.Request.ContentType);
        }

        using var answer = await _http.SendAsync(request);
        var bytes = await answer.Content.ReadAsByteArrayAsync();
        if (submission && loseSubmissionAnswers)
        {
            context.Abort();
            return;
        }

        context.Response.StatusCode = (int)answer.StatusCode;
        context.Response.ContentType = answer.Content.Headers.ContentType?.ToString();
        await context.Response.Body.WriteAsync(bytes);
    }
}
