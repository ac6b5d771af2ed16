namespace Fontana.DataAvailability.Envelope;

/// <summary>
/// Collects envelope chunks met while scanning a DA layer and hands back each block once all its chunks are in.
/// Bounded: at most <c>maxPending</c> incomplete blocks are kept (the oldest is dropped), so junk written to a public
/// namespace cannot grow memory without limit. Blocks already completed are remembered (recent heights only) so a
/// re-posted block is returned once.
/// </summary>
internal sealed class ChunkAssembler(int maxPending = 64, int rememberHeights = 4096)
{
    private readonly Dictionary<DaBlockKey, Pending> _pending = [];
    private readonly LinkedList<DaBlockKey> _pendingOrder = new();
    private readonly HashSet<DaBlockKey> _completed = [];
    private ulong _highestCompleted;

    /// <summary>Adds a chunk found at <paramref name="daHeight"/> under <paramref name="commitment"/>; returns the block when it became complete.</summary>
    public AssembledBlock? Add(DaEnvelopeChunk chunk, ulong daHeight, string commitment)
    {
        var key = chunk.Key;
        if (_completed.Contains(key))
        {
            return null;
        }

        if (!_pending.TryGetValue(key, out var pending))
        {
            pending = new Pending(key.Count, _pendingOrder.AddLast(key));
            _pending[key] = pending;
            if (_pending.Count > maxPending)
            {
                var oldest = _pendingOrder.First!.Value;
                _pendingOrder.RemoveFirst();
                _pending.Remove(oldest);
            }
        }

        if (pending.Chunks[chunk.Index] is not null)
        {
            return null;
        }

        pending.Chunks[chunk.Index] = chunk;
        pending.Locations[chunk.Index] = (daHeight, commitment);
        if (++pending.Received < key.Count)
        {
            return null;
        }

        _pending.Remove(key);
        _pendingOrder.Remove(pending.OrderNode);
        byte[] bytes;
        try
        {
            bytes = DaEnvelope.Reassemble([.. pending.Chunks.Select(c => c!.Value)]);
        }
        catch (DaEnvelopeFormatException)
        {
            return null; // a forged or damaged chunk: the block stays unassembled
        }

        Remember(key);
        return new AssembledBlock(key.BlockHeight, bytes, pending.Locations!);
    }

    private void Remember(DaBlockKey key)
    {
        _completed.Add(key);
        if (key.BlockHeight > _highestCompleted)
        {
            _highestCompleted = key.BlockHeight;
        }

        if (_completed.Count > rememberHeights * 2 && _highestCompleted > (ulong)rememberHeights)
        {
            var floor = _highestCompleted - (ulong)rememberHeights;
            _completed.RemoveWhere(k => k.BlockHeight < floor);
        }
    }

    private sealed class Pending(int count, LinkedListNode<DaBlockKey> orderNode)
    {
        public DaEnvelopeChunk?[] Chunks { get; } = new DaEnvelopeChunk?[count];

        public (ulong DaHeight, string Commitment)[] Locations { get; } = new (ulong, string)[count];

        public LinkedListNode<DaBlockKey> OrderNode { get; } = orderNode;

        public int Received { get; set; }
    }
}

/// <summary>A reassembled, hash-verified block and the DA location of each of its chunks, in chunk order.</summary>
internal sealed record AssembledBlock(ulong BlockHeight, byte[] Bytes, IReadOnlyList<(ulong DaHeight, string Commitment)> Locations);
