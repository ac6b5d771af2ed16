using Fontana.Core;
using Fontana.Core.Sessions;
using Fontana.Core.Transactions;

namespace Fontana.Ledger.State;

/// <summary>
/// What the next block will hold: the txids applied since the last seal (in sequence order) and the net UTXO
/// changes since then (an output created and spent within the block never reaches the state tree).
/// Owned by the writer.
/// </summary>
internal sealed class PendingBlock
{
    private readonly Dictionary<OutPoint, TxOutput?> _changes = [];
    private readonly Dictionary<Hash32, SessionState> _sessions = [];

    public PendingBlock(long firstSeq) => FirstSeq = firstSeq;

    /// <summary>Sequence number of the block's first transaction (the next one when the block is empty).</summary>
    public long FirstSeq { get; }

    public List<Hash32> TxIds { get; } = [];

    public int ChangeCount => _changes.Count + _sessions.Count;

    /// <summary>A session's latest state in this block (its state-tree entry is written at the seal).</summary>
    public void SessionChanged(SessionState state) => _sessions[state.Id] = state;

    public void Created(OutPoint outPoint, TxOutput output) => _changes[outPoint] = output;

    public void Spent(OutPoint outPoint)
    {
        if (_changes.TryGetValue(outPoint, out var existing) && existing.HasValue)
        {
            _changes.Remove(outPoint);
        }
        else
        {
            _changes[outPoint] = null;
        }
    }

    /// <summary>The changes as state-tree entries (key, value or null to delete); hashed on all cores when large.</summary>
    public (Hash32 Key, Hash32? Value)[] ToStateChanges()
    {
        var source = new KeyValuePair<OutPoint, TxOutput?>[_changes.Count];
        var i = 0;
        foreach (var change in _changes)
        {
            source[i++] = change;
        }

        var result = new (Hash32 Key, Hash32? Value)[source.Length + _sessions.Count];
        var s = source.Length;
        foreach (var session in _sessions.Values)
        {
            result[s++] = (SessionState.StateKeyOf(session.Id), session.StateValue());
        }

        if (source.Length < 2048)
        {
            for (var j = 0; j < source.Length; j++)
            {
                result[j] = Hash(source[j]);
            }
        }
        else
        {
            Parallel.For(0, source.Length, j => result[j] = Hash(source[j]));
        }

        return result;
    }

    private static (Hash32, Hash32?) Hash(KeyValuePair<OutPoint, TxOutput?> change) =>
        (change.Key.StateKey(), change.Value is { } output ? output.StateValue() : null);
}
