using System.Runtime.CompilerServices;
using Fontana.Core;
using Fontana.DataAvailability.Envelope;
using Microsoft.Extensions.Logging;

namespace Fontana.DataAvailability.Celestia;

/// <summary>
/// Recovery scan of a namespace: <c>blob.GetAll(h, [namespace])</c> for h = from, from+1, … (a few heights in flight,
/// consumed in order). Stop rule: the scan ends at <c>toDaHeight</c>, or at the network head
/// (<c>header.NetworkHead</c>) read when the scan starts; when it gets there the head is read again and the scan goes
/// on while the head has moved, so it ends once it has caught up with the chain.
/// Blobs that are not Fontana envelopes (others may write to the namespace) are skipped.
/// </summary>
internal static class CelestiaBlockScanner
{
    public static async IAsyncEnumerable<DaBlock> ScanAsync(CelestiaRpcClient rpc, byte[] ns, int concurrency, ulong fromDaHeight,
        ulong? toDaHeight, ILogger logger, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var nsHex = CelestiaNamespace.IdHex(ns);
        var assembler = new ChunkAssembler();
        var next = Math.Max(1, fromDaHeight);
        var end = Math.Min(toDaHeight ?? ulong.MaxValue, await rpc.NetworkHeadAsync(cancellationToken));
        var window = new Queue<(ulong Height, Task<List<CelestiaBlob>> Blobs)>();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        try
        {
            while (true)
            {
                while (window.Count < concurrency && next <= end)
                {
                    window.Enqueue((next, rpc.GetAllAsync(next, ns, stop.Token)));
                    next++;
                }

                if (window.Count == 0)
                {
                    if (toDaHeight is { } to && end >= to)
                    {
                        yield break;
                    }

                    var head = Math.Min(toDaHeight ?? ulong.MaxValue, await rpc.NetworkHeadAsync(cancellationToken));
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

    /// <summary>A Celestia reference: height of chunk 0, commitments in chunk order, <c>h@</c> where a chunk sits at another height.</summary>
    public static DaReference Reference(string nsHex, IReadOnlyList<(ulong DaHeight, string Commitment)> locations)
    {
        var first = locations[0].DaHeight;
        return new DaReference(DaReference.CelestiaLayer, first, nsHex,
            [.. locations.Select(l => l.DaHeight == first ? l.Commitment : $"{l.DaHeight}@{l.Commitment}")]);
    }
}
