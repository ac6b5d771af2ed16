using System.Runtime.CompilerServices;
using Fontana.Core;
using Fontana.DataAvailability.Envelope;
using Microsoft.Extensions.Logging;

namespace Fontana.DataAvailability.Celestia;

/// <summary>
/// Recovery scan of a namespace: <c>blob.GetAll(h, [namespace])</c> for h = from, from+1, … (a few heights in flight,
/// consumed in order). Stop rule: the scan ends at <c>toDaHeight</c>, bounded by the node's local head
/// (<c>header.LocalHead</c>: what it can serve; past it a node answers "syncing in progress"); when it gets there the
/// head is read again and the scan goes on while the head has moved, so it ends once it has caught up.
/// Each height is retried with exponential backoff on transient errors (unreachable, syncing, a header gap) up to
/// <see cref="CelestiaOptions.ScanAttemptsPerHeight"/> attempts; a pruned height (<c>below Tail</c>) stops at once.
/// Either way the error names the height: nothing is ever skipped silently.
/// Blobs that are not Fontana envelopes — other parties' blobs, share version 1 included — are skipped.
/// </summary>
internal static class CelestiaBlockScanner
{
    public static async IAsyncEnumerable<DaBlock> ScanAsync(CelestiaRpcClient rpc, byte[] ns, CelestiaOptions options, TimeProvider time,
        ulong fromDaHeight, ulong? toDaHeight, ILogger logger, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var concurrency = options.ScanConcurrency;
        var nsHex = CelestiaNamespace.IdHex(ns);
        var assembler = new ChunkAssembler();
        var next = Math.Max(1, fromDaHeight);
        var end = Math.Min(toDaHeight ?? ulong.MaxValue, await rpc.LocalHeadAsync(cancellationToken));
        var window = new Queue<(ulong Height, Task<List<CelestiaBlob>> Blobs)>();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        try
        {
            while (true)
            {
                while (window.Count < concurrency && next <= end)
                {
                    window.Enqueue((next, GetAllWithRetriesAsync(rpc, ns, next, options, time, logger, stop.Token)));
                    next++;
                }

                if (window.Count == 0)
                {
                    if (toDaHeight is { } to && end >= to)
                    {
                        yield break;
                    }

                    var head = Math.Min(toDaHeight ?? ulong.MaxValue, await rpc.LocalHeadAsync(cancellationToken));
                    if (head <= end)
                    {
                        yield break;
                    }

                    end = head;
                    continue;
                }

                var (height, fetch) = window.Dequeue();
                var completed = new List<DaBlock>();
                foreach (var blob in (await fetch).OrderBy(b => b.Index))
                {
                    if (blob.ShareVersion != 0 || !blob.Namespace.AsSpan().SequenceEqual(ns) || !DaEnvelope.TryDecode(blob.Data, out var chunk))
                    {
                        logger.LogDebug("Celestia height {Height}: skipped a blob that is not a Fontana DA envelope", height);
                        continue;
                    }

                    if (assembler.Add(chunk, height, blob.CommitmentBase64) is { } block)
                    {
                        completed.Add(new DaBlock(block.BlockHeight, block.Bytes, Reference(nsHex, block.Locations)));
                    }
                }

                foreach (var block in completed.OrderBy(b => b.FontanaHeight))
                {
                    yield return block;
                }
            }
        }
        finally
        {
            stop.Cancel();
            foreach (var (_, fetch) in window)
            {
                _ = fetch.ContinueWith(static t => _ = t.Exception, CancellationToken.None,
                    TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            }
        }
    }

    private static async Task<List<CelestiaBlob>> GetAllWithRetriesAsync(CelestiaRpcClient rpc, byte[] ns, ulong height, CelestiaOptions options,
        TimeProvider time, ILogger logger, CancellationToken cancellationToken)
    {
        var delay = options.ScanRetryDelay;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await rpc.GetAllAsync(height, ns, cancellationToken);
            }
            catch (DataAvailabilityException e) when (e.Code == DaErrorCodes.Pruned)
            {
                throw new DataAvailabilityException(DaErrorCodes.Pruned,
                    $"Celestia height {height} is pruned on this node ({e.Message}); reading it needs an archival node or a local DA copy", e);
            }
            catch (DataAvailabilityException e) when (e.IsTransient && attempt < options.ScanAttemptsPerHeight)
            {
                logger.LogWarning("Celestia height {Height}: attempt {Attempt} of {Attempts} failed ({Code}: {Message}); retrying in {Delay}",
                    height, attempt, options.ScanAttemptsPerHeight, e.Code, e.Message, delay);
                await Task.Delay(delay, time, cancellationToken);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(30).Ticks));
            }
            catch (DataAvailabilityException e)
            {
                throw new DataAvailabilityException(e.Code, $"Celestia height {height}: {e.Message} (after {attempt} attempts)", e);
            }
        }
    }

    /// <summary>A Celestia reference: height of chunk 0, commitments in chunk order, <c>h@</c> where a chunk sits at another height.</summary>
    public static DaReference Reference(string nsHex, IReadOnlyList<(ulong DaHeight, string Commitment)> locations)
    {
        var first = locations[0].DaHeight;
        return new DaReference(DaReference.CelestiaLayer, first, nsHex,
            [.. locations.Select(l => l.DaHeight == first ? l.Commitment : $"{l.DaHeight}@{l.Commitment}")]);
    }
}
