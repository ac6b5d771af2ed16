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
/// A celestia-node stand-in on real Kestrel (127.0.0.1, random port) that speaks its JSON-RPC, enforces the wire
/// format (<see cref="FakeCelestiaWire"/>) and behaves as the real node does. It follows these celestia-node files
/// (github.com/celestiaorg/celestia-node, read at ee6b6435e) and its RPC library (filecoin-project/go-jsonrpc):
/// <list type="bullet">
/// <item>go-jsonrpc <c>handler.go</c> (<c>createError</c>: an error returned by a method is a JSON-RPC error object
/// with code 1 in an HTTP 200 answer) and <c>server.go</c> (<c>rpcError</c>: parse errors and unknown methods get HTTP
/// 500); auth (<c>api/rpc/perms</c>): a wrong token gets a bare HTTP 401, no token a "missing permission" error.</item>
/// <item><c>nodebuilder/header/service.go</c>: <c>GetByHeight</c> answers "given height is from the future" past the
/// network head + 1, "requested header (h) is below Tail (t)" under the tail (pruning), "header: syncing in progress"
/// past the local head + 1, and waits for the local head + 1; <c>WaitForHeight</c> just waits (no upper bound);
/// <c>LocalHead</c>, <c>NetworkHead</c>.</item>
/// <item><c>blob/service.go</c>: <c>GetAll</c> and <c>Get</c> go through <c>GetByHeight</c> first
/// (<c>nodebuilder/blob/module.go</c>); <c>GetAll</c> with nothing in the namespace is <c>null</c>, <c>Get</c> of a
/// missing commitment is "blob: not found"; <c>Submit</c> returns the inclusion height.</item>
/// <item><c>state/txclient/tx_config.go</c> (<c>jsonTxConfig</c>; a <c>null</c> config fails with HTTP 500) and
/// <c>state/txclient/tx_client.go</c> (fee errors); celestia-app <c>app/check_tx.go</c> (<c>MaxTxSize</c> error).</item>
/// </list>
/// Each submit is included in a new height. Switches model head lag after a submit (<see cref="LagAfterSubmit"/>),
/// pruning (<see cref="Tail"/>), the network's size limit (<see cref="MaxTxSize"/>), a minimum gas price, submits that
/// land but whose answer is lost (<see cref="FakeFailure.LoseAnswer"/>), scripted method errors
/// (<see cref="FailMethod"/>) and foreign blobs (<see cref="Inject"/>, share version 1 included).
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
    private readonly Dictionary<string, Queue<string>> _methodErrors = [];
    private ulong _head = 100;
    private ulong _localHead = 100;
    private long _nextShareIndex;
    private TaskCompletionSource _synced = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private FakeCelestiaNode(WebApplication app) => _app = app;

    public Uri Url { get; private set; } = null!;

    /// <summary>The network head (the latest Celestia height).</summary>
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

    /// <summary>The highest height the node has synced (<c>header.LocalHead</c>).</summary>
    public ulong LocalHead
    {
        get
        {
            lock (_lock)
            {
                return _localHead;
            }
        }
    }

    /// <summary>After a submit the node's local head stays behind the inclusion height until someone waits for it
    /// (<c>header.WaitForHeight</c>) or <see cref="CatchUp"/> is called. Default false.</summary>
    public bool LagAfterSubmit { get; set; }

    /// <summary>Lowest height still stored: anything below is pruned ("below Tail"). Default 1.</summary>
    public ulong Tail { get; set; } = 1;

    /// <summary>The network's largest transaction (celestia-app <c>MaxTxSize</c>); null for no limit.</summary>
    public int? MaxTxSize { get; set; }

    /// <summary>The node's minimum gas price; an explicit <c>gas_price</c> below it is refused (cosmos-sdk code 13).</summary>
    public double MinGasPrice { get; set; } = 0.002;

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
            SyncLocked(_head);
        }
    }

    /// <summary>The node syncs its local head up to the network head.</summary>
    public void CatchUp()
    {
        lock (_lock)
        {
            SyncLocked(_head);
        }
    }

    /// <summary>The next <paramref name="count"/> calls of <paramref name="method"/> return a JSON-RPC error (HTTP 200) with <paramref name="message"/>.</summary>
    public void FailMethod(string method, int count, string message)
    {
        lock (_lock)
        {
            if (!_methodErrors.TryGetValue(method, out var queue))
            {
                _methodErrors[method] = queue = new Queue<string>();
            }

            for (var i = 0; i < count; i++)
            {
                queue.Enqueue(message);
            }
        }
    }

    /// <summary>Another party writes <paramref name="data"/> to a namespace, in a new height (share version 0).</summary>
    public ulong Inject(byte[] ns, params byte[][] data)
    {
        lock (_lock)
        {
            var height = ++_head;
            SyncLocked(_head);
            _heights[height] = [.. data.Select(d => new StoredBlob(ns, d, ShareCommitment.Compute(ns, d), _nextShareIndex++))];
            return height;
        }
    }

    /// <summary>Another party writes a share-version-1 blob (with a 20-byte signer) to a namespace, in a new height.
    /// Its commitment is not recomputed here (the client never checks foreign commitments).</summary>
    public ulong InjectShareVersion1(byte[] ns, byte[] data, byte[] signer)
    {
        lock (_lock)
        {
            var height = ++_head;
            SyncLocked(_head);
            _heights[height] = [new StoredBlob(ns, data, System.Security.Cryptography.SHA256.HashData(data), _nextShareIndex++, 1, signer)];
            return height;
        }
    }

    private void SyncLocked(ulong height)
    {
        if (height > _localHead)
        {
            _localHead = height;
            _synced.TrySetResult();
            _synced = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    /// <summary>Waits until the local head reaches <paramref name="height"/> (the request's abort ends the wait).</summary>
    private async Task WaitForLocalAsync(ulong height, CancellationToken cancellationToken)
    {
        while (true)
        {
            Task signal;
            lock (_lock)
            {
                if (_localHead >= height)
                {
                    return;
                }

                signal = _synced.Task;
            }

            await signal.WaitAsync(cancellationToken);
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
                await WriteMethodErrorAsync(context, id, "rpc error: code = Unavailable desc = tx mempool is full");
                return;
            }

            if (authorization.Length == 0)
            {
                await WriteMethodErrorAsync(context, id, $"missing permission to invoke '{method.Split('.')[^1]}' (need '{(method == "blob.Submit" ? "write" : "read")}')");
                return;
            }

            string? methodError = null;
            lock (_lock)
            {
                if (_methodErrors.TryGetValue(method, out var queue) && queue.Count > 0)
                {
                    methodError = queue.Dequeue();
                }
            }

            if (methodError is not null)
            {
                await WriteMethodErrorAsync(context, id, methodError);
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

            if (failure == FakeFailure.LoseAnswer)
            {
                // The node does the work (a submit lands), but the answer never reaches the client.
                var discarded = context.Response.Body;
                context.Response.Body = Stream.Null;
                await DispatchAsync(context, id, method, @params);
                context.Response.Body = discarded;
                context.Abort();
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

    /// <summary>An error returned by a method (go-jsonrpc <c>handler.go</c>): HTTP 200, <c>{"error": {"code": 1, "message": …}}</c>.</summary>
    private static Task WriteMethodErrorAsync(HttpContext context, long id, string message) => WriteErrorAsync(context, id, 1, message, 200);

    /// <summary>go-jsonrpc's protocol error answer (<c>server.go</c> <c>rpcError</c>): HTTP 500 with a JSON-RPC error object.</summary>
    private static Task WriteErrorAsync(HttpContext context, long id, int code, string message, int status = 500) =>
        WriteAsync(context, status, w =>
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
