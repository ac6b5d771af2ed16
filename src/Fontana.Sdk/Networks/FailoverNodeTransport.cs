using System.Runtime.CompilerServices;
using System.Text.Json;
using Fontana.Core.Api;
using Fontana.Sdk.Transports;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace Fontana.Sdk.Networks;

/// <summary>
/// Several nodes of one network behind one <see cref="INodeTransport"/>. Each request goes to a node picked by measured
/// health (<see cref="NodeSelector"/>); a node that cannot be reached, times out, answers 502/503/504 or answers
/// garbage fails that attempt and the request is retried on another node with backoff (Polly retry); each node has a
/// Polly circuit breaker. A submission whose answer was lost is never sent to another node blindly: that node is first
/// asked for the txid, and its receipt is returned if it already has the transaction. When every attempt fails the
/// error is <c>node-unreachable</c> naming each node and why. Health probes (<c>GET /health/ready</c>) run in the
/// background so a node that comes back gets traffic again. Reads of pending state
/// (<see cref="NodeRequest.ReadsPendingState"/>) go to the sequencer while one is up — each node's <see cref="NodeRole"/>
/// is learnt from its <c>GET /v1/info</c> — since followers only hold sealed blocks (docs/sdk.md, <i>Failover</i>).
/// </summary>
public sealed class FailoverNodeTransport : INodeTransport
{
    private readonly NodeEndpoint[] _nodes;
    private readonly FailoverOptions _options;
    private readonly TimeProvider _time;
    private readonly Random _random;
    private readonly ResiliencePipeline _retry;
    private readonly ITimer? _probes;
    private int _probing;
    private Task? _roles;

    /// <summary>Combines <paramref name="nodes"/> (at least one, equal weights); the failover takes ownership of them.</summary>
    public FailoverNodeTransport(IReadOnlyList<INodeTransport> nodes, FailoverOptions? options = null, TimeProvider? timeProvider = null, Random? random = null)
        : this(nodes?.Select(n => new WeightedNodeTransport(n)).ToList() ?? throw new ArgumentNullException(nameof(nodes)), options, timeProvider, random)
    {
    }

    /// <summary>Combines <paramref name="nodes"/> (at least one) with their weights (a node of weight 2 gets about twice
    /// the traffic of an equally healthy node of weight 1); the failover takes ownership of the transports.</summary>
    public FailoverNodeTransport(IReadOnlyList<WeightedNodeTransport> nodes, FailoverOptions? options = null, TimeProvider? timeProvider = null, Random? random = null)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        if (nodes.Count == 0)
        {
            throw new ArgumentException("a network needs at least one node", nameof(nodes));
        }

        foreach (var node in nodes)
        {
            ArgumentNullException.ThrowIfNull(node?.Transport, nameof(nodes));
            if (!(node.Weight > 0) || double.IsInfinity(node.Weight))
            {
                throw new ArgumentOutOfRangeException(nameof(nodes), node.Weight, $"the weight of {node.Transport.Name} must be a positive number");
            }
        }

        _options = options ?? new FailoverOptions();
        _time = timeProvider ?? TimeProvider.System;
        _random = random ?? Random.Shared;
        _nodes = [.. nodes.Select(n => new NodeEndpoint(n.Transport, n.Weight, _options, _time))];
        _retry = new ResiliencePipelineBuilder { TimeProvider = _time }
            .AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = Math.Max(0, _options.MaxAttempts - 1),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = _options.RetryDelay,
                MaxDelay = _options.MaxRetryDelay,
                ShouldHandle = new PredicateBuilder().Handle<NodeAttemptException>(),
            })
            .Build();
        if (_options.HealthCheckInterval > TimeSpan.Zero)
        {
            _probes = _time.CreateTimer(static state => ((FailoverNodeTransport)state!).ProbeInBackground(), this, _options.HealthCheckInterval, _options.HealthCheckInterval);
        }
    }

    /// <summary>The network's nodes with their health and circuit state.</summary>
    public IReadOnlyList<NodeEndpoint> Nodes => _nodes;

    /// <inheritdoc/>
    public string Name => string.Join(", ", _nodes.Select(n => n.Name));

    /// <inheritdoc/>
    public async Task ConnectAsync(CancellationToken cancellationToken = default)
    {
        foreach (var node in _nodes)
        {
            try
            {
                await node.Transport.ConnectAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (FontanaApiException ex) when (ex.Code == FontanaApiException.NodeUnreachableCode)
            {
                node.Health.Record(false, TimeSpan.Zero);
            }
        }
    }

    /// <inheritdoc/>
    public async Task DisconnectAsync(CancellationToken cancellationToken = default)
    {
        foreach (var node in _nodes)
        {
            await node.Transport.DisconnectAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Waits until at least one node reports ready (<c>GET /health/ready</c> answers 200), probing every node
    /// with backoff; throws <c>node-unreachable</c> naming the nodes after <paramref name="timeout"/>.</summary>
    public async Task WaitForServiceAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var wait = new ResiliencePipelineBuilder<bool> { TimeProvider = _time }
            .AddTimeout(timeout)
            .AddRetry(new RetryStrategyOptions<bool>
            {
                MaxRetryAttempts = int.MaxValue,
                BackoffType = DelayBackoffType.Exponential,
                Delay = TimeSpan.FromMilliseconds(50),
                MaxDelay = TimeSpan.FromSeconds(1),
                ShouldHandle = new PredicateBuilder<bool>().HandleResult(ready => !ready),
            })
            .Build();
        try
        {
            await wait.ExecuteAsync(async token => await ProbeAllAsync(token).ConfigureAwait(false) > 0, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutRejectedException ex)
        {
            throw new FontanaApiException(FontanaApiException.NodeUnreachableCode, 0,
                $"{FontanaApiException.NodeUnreachableCode}: no node became ready within {timeout.TotalSeconds:0.#} s: {Name}", null, ex);
        }
    }

    /// <inheritdoc/>
    public async Task<NodeApiResponse> SendAsync(NodeRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var tried = new List<NodeEndpoint>(_nodes.Length);
        var failures = new List<string>(_options.MaxAttempts);
        var submissionUncertain = false;
        if (request.ReadsPendingState)
        {
            await EnsureRolesAsync(cancellationToken).ConfigureAwait(false);
        }

        try
        {
            return await _retry.ExecuteAsync(
                async token =>
                {
                    var node = NodeSelector.Pick(PoolFor(request, tried), tried, _options.TopK, _random);
                    tried.Add(node);
                    try
                    {
                        if (request.TxId is { } txId && submissionUncertain
                            && await FindSubmittedAsync(node, txId, token).ConfigureAwait(false) is { } known)
                        {
                            return known;
                        }

                        return await SendToAsync(node, request, token).ConfigureAwait(false);
                    }
                    catch (Exception ex) when (IsNodeFailure(ex, token))
                    {
                        submissionUncertain |= !request.IsRead && ex is not BrokenCircuitException;
                        failures.Add($"{node.Name} ({Reason(ex)})");
                        throw new NodeAttemptException(ex);
                    }
                },
                cancellationToken).ConfigureAwait(false);
        }
        catch (NodeAttemptException ex)
        {
            var allGarbage = failures.Count > 0 && failures.TrueForAll(f => f.Contains(FontanaApiException.BadResponseCode, StringComparison.Ordinal));
            var code = allGarbage ? FontanaApiException.BadResponseCode : FontanaApiException.NodeUnreachableCode;
            throw new FontanaApiException(code, 0,
                $"{code}: {request.Method} {request.Path} failed on every node after {failures.Count} attempts: {string.Join("; ", failures)}", null, ex.InnerException);
        }
    }

    /// <inheritdoc/>
    public async IAsyncEnumerable<StreamEventDto> StreamAsync(StreamRequestDto subscription, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        // Subscriptions follow one node at a time; the cursor carries over when another node takes over.
        var cursor = new StreamCursor(subscription);
        var tried = new List<NodeEndpoint>();
        while (!cancellationToken.IsCancellationRequested)
        {
            var node = NodeSelector.Pick(_nodes, tried, _options.TopK, _random);
            tried.Clear();
            tried.Add(node);
            await foreach (var message in node.Transport.StreamAsync(cursor.Request, cancellationToken).ConfigureAwait(false))
            {
                if (cursor.Accept(message))
                {
                    yield return message;
                }
            }
        }
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        if (_probes is not null)
        {
            await _probes.DisposeAsync().ConfigureAwait(false);
        }

        foreach (var node in _nodes)
        {
            await node.Transport.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Probes every node once (<c>GET /health/ready</c>, through its circuit breaker); returns how many are ready.</summary>
    public async Task<int> ProbeAllAsync(CancellationToken cancellationToken = default)
    {
        var ready = 0;
        foreach (var node in _nodes)
        {
            try
            {
                // /v1/info until the node's role is known (it answers 503 while not ready, like /health/ready).
                var probe = node.Role == NodeRole.Unknown ? NodeRequest.Get("v1/info") : NodeRequest.Get("health/ready");
                var response = await SendToAsync(node, probe, cancellationToken).ConfigureAwait(false);
                ready += response.Status == 200 ? 1 : 0;
            }
            catch (Exception ex) when (IsNodeFailure(ex, cancellationToken))
            {
                // Recorded in the node's health.
            }
        }

        return ready;
    }

    private async Task<NodeApiResponse> SendToAsync(NodeEndpoint node, NodeRequest request, CancellationToken cancellationToken)
    {
        var start = _time.GetTimestamp();
        try
        {
            var response = await node.Pipeline.ExecuteAsync(
                async token =>
                {
                    var answer = await node.Transport.SendAsync(request, token).ConfigureAwait(false);
                    if (answer.Status is 502 or 503 or 504)
                    {
                        throw NodeTransportErrors.Unreachable(node.Name, $"HTTP {answer.Status}");
                    }

                    if (answer.Status is >= 200 and < 300 && !IsJson(answer))
                    {
                        throw new FontanaApiException(FontanaApiException.BadResponseCode, answer.Status,
                            $"{FontanaApiException.BadResponseCode}: the node at {node.Name} answered {request.Path} with something that is not JSON");
                    }

                    return answer;
                },
                cancellationToken).ConfigureAwait(false);
            node.Health.Record(true, _time.GetElapsedTime(start));
            if (response.Status == 200 && request.Path == "v1/info")
            {
                LearnRole(node, response);
            }

            return response;
        }
        catch (Exception ex) when (ex is not BrokenCircuitException && IsNodeFailure(ex, cancellationToken))
        {
            node.Health.Record(false, _time.GetElapsedTime(start));
            throw;
        }
    }

    /// <summary>The nodes a request may go to: for a read of pending state, the sequencer(s) not tried yet that are up
    /// (nodes of unknown role count as sequencers); otherwise, or when there is none, every node.</summary>
    private IReadOnlyList<NodeEndpoint> PoolFor(NodeRequest request, List<NodeEndpoint> tried)
    {
        if (!request.ReadsPendingState)
        {
            return _nodes;
        }

        List<NodeEndpoint>? writers = null;
        var followers = false;
        foreach (var node in _nodes)
        {
            followers |= node.Role == NodeRole.Follower;
            if (node.Role != NodeRole.Follower && node.IsAvailable && !tried.Contains(node))
            {
                (writers ??= []).Add(node);
            }
        }

        return followers && writers is not null ? writers : _nodes;
    }

    /// <summary>Learns every node's role once (<c>GET /v1/info</c>), before the first read of pending state; nodes that do
    /// not answer stay unknown and are learnt by the health probes.</summary>
    private Task EnsureRolesAsync(CancellationToken cancellationToken)
    {
        var learning = LazyInitializer.EnsureInitialized(ref _roles, () => Task.WhenAll(_nodes.Select(LearnRoleAsync)));
        return learning.IsCompleted ? Task.CompletedTask : learning.WaitAsync(cancellationToken);
    }

    private async Task LearnRoleAsync(NodeEndpoint node)
    {
        try
        {
            await SendToAsync(node, NodeRequest.Get("v1/info"), CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsNodeFailure(ex, CancellationToken.None))
        {
            // Unknown for now: the probes try again.
        }
    }

    private static void LearnRole(NodeEndpoint node, NodeApiResponse response)
    {
        try
        {
            node.Role = JsonSerializer.Deserialize(response.Body, ApiJsonContext.Default.NodeInfo)?.Role switch
            {
                NodeInfo.SequencerRole => NodeRole.Sequencer,
                NodeInfo.FollowerRole => NodeRole.Follower,
                _ => node.Role,
            };
        }
        catch (JsonException)
        {
            // Not a NodeInfo: the caller reports bad-response.
        }
    }

    /// <summary>After a lost answer to a submission: does this node already have the transaction? Its receipt if so.</summary>
    private async Task<NodeApiResponse?> FindSubmittedAsync(NodeEndpoint node, Core.Hash32 txId, CancellationToken cancellationToken)
    {
        var answer = await SendToAsync(node, NodeRequest.Get("v1/transactions/" + txId.ToString()), cancellationToken).ConfigureAwait(false);
        if (answer.Status != 200)
        {
            return null;
        }

        TransactionStatusDto? status;
        try
        {
            status = JsonSerializer.Deserialize(answer.Body, ApiJsonContext.Default.TransactionStatusDto);
        }
        catch (JsonException)
        {
            return null;
        }

        return status is null
            ? null
            : new NodeApiResponse(200, JsonSerializer.SerializeToUtf8Bytes(status.Receipt, ApiJsonContext.Default.ReceiptDto), "application/json");
    }

    private static bool IsJson(NodeApiResponse answer)
    {
        if (answer.Body.Length == 0)
        {
            return true;
        }

        try
        {
            var reader = new Utf8JsonReader(answer.Body);
            while (reader.Read())
            {
            }

            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static bool IsNodeFailure(Exception ex, CancellationToken cancellationToken) => ex switch
    {
        FontanaApiException api => api.Code is FontanaApiException.NodeUnreachableCode or FontanaApiException.BadResponseCode,
        BrokenCircuitException or TimeoutRejectedException => true,
        OperationCanceledException => !cancellationToken.IsCancellationRequested,
        _ => false,
    };

    private static string Reason(Exception ex) => ex switch
    {
        BrokenCircuitException => "circuit open",
        TimeoutRejectedException => "timed out",
        FontanaApiException api => api.Code == FontanaApiException.BadResponseCode ? "bad-response" : Shorten(api.Message),
        _ => ex.GetType().Name,
    };

    private static string Shorten(string message)
    {
        var text = message.Replace(FontanaApiException.NodeUnreachableCode + ": ", string.Empty, StringComparison.Ordinal);
        return text.Length > 120 ? text[..120] + "…" : text;
    }

    private void ProbeInBackground()
    {
        if (Interlocked.Exchange(ref _probing, 1) == 1)
        {
            return;
        }

        _ = Task.Run(async () =>
        {
            try
            {
                await ProbeAllAsync(CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is ObjectDisposedException or OperationCanceledException)
            {
                // Disposed meanwhile.
            }
            finally
            {
                Volatile.Write(ref _probing, 0);
            }
        });
    }

    /// <summary>One attempt on one node failed (the retry tries another).</summary>
    private sealed class NodeAttemptException(Exception inner) : Exception(inner.Message, inner);
}
