using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text.Json;
using Fontana.Core;
using Fontana.Core.Api;
using Fontana.Sdk.Diagnostics;
using Fontana.Sdk.Payments;
using Microsoft.Extensions.Logging;

namespace Fontana.Sdk.Utxos;

/// <summary>
/// Keeps a payer's cache in step with the node: a periodic refresh, and — while connected to <c>/v1/stream</c> — a
/// refresh whenever a transaction we did not make touches the wallet's address (a deposit, or another process
/// spending the same wallet). Reconnects with backoff; polling carries on while disconnected.
/// </summary>
internal sealed class UtxoSynchronizer(FontanaPayer payer, TimeSpan interval, bool useStream, TimeProvider time, ILogger logger) : IDisposable
{
    private const int OwnCapacity = 8192;
    private readonly ConcurrentDictionary<Hash32, byte> _own = new();
    private readonly ConcurrentQueue<Hash32> _ownOrder = new();
    private readonly CancellationTokenSource _stop = new();
    private ITimer? _timer;
    private int _ownCount;
    private int _started;

    /// <summary>True while the stream is connected and subscribed.</summary>
    public bool StreamConnected { get; private set; }

    public void Start()
    {
        if (Interlocked.Exchange(ref _started, 1) != 0)
        {
            return;
        }

        if (interval > TimeSpan.Zero)
        {
            _timer = time.CreateTimer(static state => ((UtxoSynchronizer)state!).RefreshInBackground(), this, interval, interval);
        }

        if (useStream)
        {
            _ = Task.Run(RunStreamAsync);
        }
    }

    /// <summary>Remembers one of our own transactions so its stream event does not trigger a refresh.</summary>
    public void RememberOwn(Hash32 txId)
    {
        if (!useStream || !_own.TryAdd(txId, 0))
        {
            return;
        }

        _ownOrder.Enqueue(txId);
        if (Interlocked.Increment(ref _ownCount) > OwnCapacity && _ownOrder.TryDequeue(out var oldest))
        {
            _own.TryRemove(oldest, out _);
            Interlocked.Decrement(ref _ownCount);
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _timer?.Dispose();
        _stop.Dispose();
    }

    private void RefreshInBackground()
    {
        if (_stop.IsCancellationRequested)
        {
            return;
        }

        _ = payer.RefreshAsync(_stop.Token).ContinueWith(
            static (task, state) =>
            {
                if (task.Exception is { } ex)
                {
                    SdkLog.RefreshFailed((ILogger)state!, ex.GetBaseException());
                }
            },
            logger,
            CancellationToken.None,
            TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    private async Task RunStreamAsync()
    {
        var backoff = TimeSpan.FromSeconds(1);
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                await ListenOnceAsync(_stop.Token).ConfigureAwait(false);
                backoff = TimeSpan.FromSeconds(1);
            }
            catch (Exception ex) when (ex is FontanaApiException or WebSocketException or JsonException or HttpRequestException or InvalidOperationException)
            {
                SdkLog.StreamDisconnected(logger, ex);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            finally
            {
                StreamConnected = false;
            }

            try
            {
                await Task.Delay(backoff, time, _stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, TimeSpan.FromSeconds(30).Ticks));
        }
    }

    private async Task ListenOnceAsync(CancellationToken cancellationToken)
    {
        // Through the node client's transport, which reconnects and resubscribes by itself.
        var subscription = new StreamRequestDto("subscribe", "address", Address: payer.Address.ToString());
        await foreach (var message in payer.Node.Transport.StreamAsync(subscription, cancellationToken).ConfigureAwait(false))
        {
            if (message.Type == "subscribed")
            {
                StreamConnected = true;

                // Anything may have happened while we were not listening.
                RefreshInBackground();
            }
            else if (IsForeignActivity(message))
            {
                RefreshInBackground();
            }
        }
    }

    /// <summary>An <c>address</c> event, when the transaction was just applied (<c>pending</c>; later statuses of the
    /// same transaction change nothing in the wallet) and is not one of ours.</summary>
    private bool IsForeignActivity(StreamEventDto message)
    {
        if (message is not { Type: "address" } || message.Status is not (null or "pending"))
        {
            return false;
        }

        return !Hash32.TryParse(message.TxId, out var hash) || !_own.ContainsKey(hash);
    }
}
