using System.Buffers;
using System.Net;
using System.Text.Json;
using Fontana.DataAvailability.Celestia;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Fontana.DataAvailability.Tests.Support;

/// <summary>
/// A celestia-node stand-in on real Kestrel (127.0.0.1, random port) that speaks its JSON-RPC and enforces the wire
/// format (<see cref="FakeCelestiaWire"/>): <c>blob.Submit</c>, <c>blob.GetAll</c>, <c>blob.Get</c>,
/// <c>header.GetByHeight</c>, <c>header.NetworkHead</c>. Auth as go-jsonrpc: a wrong token gets a bare HTTP 401, no
/// token gets a "missing permission" JSON-RPC error. Each submit is included in a new height. It can fail the next
/// calls on demand and answer scripted bodies.
/// </summary>
internal sealed partial class FakeCelestiaNode : IAsyncDisposable
{
    public const string Token = "test-jwt-token";

    private readonly WebApplication _app;
    private readonly Lock _lock = new();
    private readonly Dictionary<ulong, List<StoredBlob>> _heights = [];
    private readonly Queue<FakeFailure?> _failures = new();
    private readonly Queue<(string Method, Func<long, string> Body)> _scripted = new();
    private readonly List<(string Method, string Params)> _calls = [];
    private readonly List<string> _violations = [];
    private ulong _head = 100;
    private long _nextShareIndex;

    private FakeCelestiaNode(WebApplication app) => _app = app;

    public Uri Url { get; private set; } = null!;

    public ulong Head
    {
        get
        {
            lock (_lock)
            {
                return _head;
            }
        }
    }

    public IReadOnlyList<(string Method, string Params)> Calls
    {
        get
        {
            lock (_lock)
            {
                return [.. _calls];
            }
        }
    }

    /// <summary>Wire-format violations seen (each also answered as a JSON-RPC error): must stay empty.</summary>
    public IReadOnlyList<string> Violations
    {
        get
        {
            lock (_lock)
            {
                return [.. _violations];
            }
        }
    }

    public static async Task<FakeCelestiaNode> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var node = new FakeCelestiaNode(app);
        app.MapPost("/", node.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        node.Url = new Uri(address + "/");
        return node;
    }

    public CelestiaOptions Options(string? token = Token) => new()
    {
        Url = Url.ToString(),
        AuthToken = token,
        NamespaceId = "0000000000000f0a7a1a",
        MaxBlobBytes = 1000,
        MaxSubmitBytes = 4000,
        RequestTimeout = TimeSpan.FromSeconds(10),
    };

    public int CallCount(string method) => Calls.Count(c => c.Method == method);

    /// <summary>After <paramref name="skip"/> calls that go through, the next <paramref name="count"/> calls fail with <paramref name="failure"/>.</summary>
    public void FailNext(int count, FakeFailure failure, int skip = 0)
    {
        lock (_lock)
        {
            for (var i = 0; i < skip; i++)
            {
                _failures.Enqueue(null);
            }

            for (var i = 0; i < count; i++)
            {
                _failures.Enqueue(failure);
            }
        }
    }

    /// <summary>The next call of <paramref name="method"/> is answered HTTP 200 with this body (given the request id).</summary>
    public void Script(string method, Func<long, string> body)
    {
        lock (_lock)
        {
            _scripted.Enqueue((method, body));
        }
    }

    /// <summary>Celestia blocks without our blobs.</summary>
    public void AdvanceHeight(ulong count)
    {
        lock (_lock)
        {
            _head += count;
        }
    }

    /// <summary>Another party writes <paramref name="data"/> to a namespace, in a new height.</summary>
    public ulong Inject(byte[] ns, params byte[][] data)
    {
        lock (_lock)
        {
            var height = ++_head;
            _heights[height] = [.. data.Select(d => new StoredBlob(ns, d, ShareCommitment.Compute(ns, d), _nextShareIndex++))];
            return height;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var authorization = context.Request.Headers.Authorization.ToString();
        if (authorization.Length > 0 && authorization != $"Bearer {Token}")
        {
            context.Response.StatusCode = 401;
            return;
        }

        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, context.RequestAborted);
        FakeFailure? failure;
        lock (_lock)
        {
            failure = _failures.Count > 0 ? _failures.Dequeue() : null;
        }

        switch (failure)
        {
            case FakeFailure.Http500:
                context.Response.StatusCode = 500;
                await context.Response.WriteAsync("upstream crashed");
                return;
            case FakeFailure.ConnectionReset:
                context.Abort();
                return;
            case FakeFailure.Hang:
                await Task.Delay(TimeSpan.FromSeconds(30), context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
                return;
        }

        long id = 0;
        string method = "";
        try
        {
            using var request = ParseEnvelope(body.ToArray(), out id, out method);
            var @params = request.RootElement.GetProperty("params");
            lock (_lock)
            {
                _calls.Add((method, @params.GetRawText()));
            }

            if (failure == FakeFailure.RpcError)
            {
                await WriteErrorAsync(context, id, 1, "rpc error: code = Unavailable desc = tx mempool is full");
                return;
            }

            if (authorization.Length == 0)
            {
                await WriteErrorAsync(context, id, 1, $"missing permission to invoke '{method.Split('.')[^1]}' (need '{(method == "blob.Submit" ? "write" : "read")}')");
                return;
            }

            (string Method, Func<long, string> Body)? scripted = null;
            lock (_lock)
            {
                if (_scripted.Count > 0 && _scripted.Peek().Method == method)
                {
                    scripted = _scripted.Dequeue();
                }
            }

            if (scripted is { } s)
            {
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync(s.Body(id));
                return;
            }

            await DispatchAsync(context, id, method, @params);
        }
        catch (Exception e) when (e is WireViolation or FormatException or InvalidOperationException or KeyNotFoundException or JsonException)
        {
            lock (_lock)
            {
                _violations.Add($"{method}: {e.Message}");
            }

            await WriteErrorAsync(context, id, -32602, $"invalid params: {e.Message}");
        }
    }

    private static JsonDocument ParseEnvelope(byte[] body, out long id, out string method)
    {
        var document = JsonDocument.Parse(body);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object || root.GetProperty("jsonrpc").GetString() != "2.0")
        {
            throw new WireViolation("not a JSON-RPC 2.0 request");
        }

        id = root.GetProperty("id").GetInt64();
        method = root.GetProperty("method").GetString() ?? "";
        if (root.GetProperty("params").ValueKind != JsonValueKind.Array)
        {
            throw new WireViolation("params must be positional (a JSON array)");
        }

        return document;
    }

    private static Task WriteResultAsync(HttpContext context, long id, Action<Utf8JsonWriter> writeResult) =>
        WriteAsync(context, 200, w =>
        {
            w.WriteString("jsonrpc", "2.0");
            w.WriteNumber("id", id);
            w.WritePropertyName("result");
            writeResult(w);
        });

    /// <summary>go-jsonrpc's error answer: HTTP 500 with a JSON-RPC error object.</summary>
    private static Task WriteErrorAsync(HttpContext context, long id, int code, string message) =>
        WriteAsync(context, 500, w =>
        {
            w.WriteString("jsonrpc", "2.0");
            w.WriteNumber("id", id);
            w.WriteStartObject("error");
            w.WriteNumber("code", code);
            w.WriteString("message", message);
            w.WriteEndObject();
        });

    private static async Task WriteAsync(HttpContext context, int status, Action<Utf8JsonWriter> writeMembers)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            writeMembers(w);
            w.WriteEndObject();
        }

        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.Body.WriteAsync(buffer.WrittenMemory);
    }
}
