using System.Net.WebSockets;
using System.Text.Json;
using Fontana.Core.Api;
using Fontana.Core.Encoding;
using Fontana.Node.Options;
using Microsoft.Extensions.Options;

namespace Fontana.Node.Follower;

/// <summary>
/// Keeps a subscription to the sequencer's <c>/v1/stream</c> headers and wakes <see cref="FollowerSync"/> on each one,
/// so a follower fetches a block as soon as it is sealed rather than at the next poll. A header at a height the
/// follower already holds is compared with the held block (equivocation). The connection is re-opened after any
/// failure with a growing pause (0.5 s doubling to 30 s); polling covers the time in between.
/// </summary>
internal sealed class SequencerStreamWatcher(SequencerClient sequencer, FollowerSync sync, FollowerChain chain, FollowerStatus status,
    IOptions<FontanaNodeOptions> options, TimeProvider time, ILogger<SequencerStreamWatcher> logger) : BackgroundService
{
    private const int MaxMessageBytes = 64 * 1024;
    private static readonly byte[] SubscribeHeaders = """{"op":"subscribe","topic":"headers"}"""u8.ToArray();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Follower.UseStream)
        {
            return;
        }

        var pause = TimeSpan.FromMilliseconds(500);
        while (!stoppingToken.IsCancellationRequested && status.Halt is null)
        {
            try
            {
                await WatchAsync(stoppingToken);
                pause = TimeSpan.FromMilliseconds(500);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // the watcher only speeds sync up: any failure means reconnect, never stop the host
            catch (Exception ex)
#pragma warning restore CA1031
            {
                logger.LogDebug("follower: the sequencer's stream {Url} failed ({Message}); reconnecting in {Pause}", sequencer.StreamUri, ex.Message, pause);
            }

            await Task.Delay(pause, time, stoppingToken);
            pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, TimeSpan.FromSeconds(30).Ticks));
        }
    }

    private async Task WatchAsync(CancellationToken cancellationToken)
    {
        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(sequencer.StreamUri, cancellationToken);
        await socket.SendAsync(SubscribeHeaders, WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
        logger.LogInformation("follower: subscribed to the headers of {Url}", sequencer.StreamUri);
        sync.Wake(); // whatever was sealed while disconnected
        var buffer = new byte[MaxMessageBytes];
        while (socket.State == WebSocketState.Open && status.Halt is null)
        {
            var length = 0;
            ValueWebSocketReceiveResult received;
            do
            {
                if (length == buffer.Length)
                {
                    throw new InvalidOperationException($"a stream message is larger than {MaxMessageBytes} bytes");
                }

                received = await socket.ReceiveAsync(buffer.AsMemory(length), cancellationToken);
                length += received.Count;
            }
            while (!received.EndOfMessage && received.MessageType != WebSocketMessageType.Close);

            if (received.MessageType == WebSocketMessageType.Close)
            {
                return;
            }

            var message = JsonSerializer.Deserialize(buffer.AsSpan(0, length), ApiJsonContext.Default.StreamEventDto);
            if (message is { Type: "header", Header.Encoded: { } encoded } && BlockHeaderCodec.TryDecode(Convert.FromBase64String(encoded), out var header))
            {
                status.SawSequencerTip(header.Height);
                await chain.CheckHeaderAsync(header, "sequencer stream", cancellationToken);
                sync.Wake();
            }
        }
    }
}
