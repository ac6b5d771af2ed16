using Fontana.Core;
using Fontana.Core.Encoding;
using Fontana.Core.Merkle;
using Fontana.Core.Sessions;
using Fontana.Ledger.Sessions;
using Fontana.Core.Transactions;

namespace Fontana.Ledger.Tests.Infrastructure;

/// <summary>Reads a store directly (its own connection), independent of any open ledger.</summary>
public static class StoreInspector
{
    /// <summary>Root of a fresh state tree over every unspent output and every session (rebuilt from its transactions) in the store.</summary>
    public static async Task<Hash32> StateRootAsync(StoreTarget target)
    {
        await using var store = target.CreateStore();
        var entries = new List<(Hash32, Hash32?)>();
        await store.LoadUnspentAsync((op, owner, amount, _) => entries.Add((op.StateKey(), new TxOutput(new Address(owner), amount).StateValue())), default);
        foreach (var session in (await SessionsAsync(target)).Values)
        {
            entries.Add((SessionState.StateKeyOf(session.Id), session.StateValue()));
        }

        var tree = new SparseMerkleTree(new InMemorySmtNodeStore());
        tree.Update(entries);
        return tree.Root;
    }

    /// <summary>Every session, rebuilt from the stored session transactions alone.</summary>
    public static async Task<Dictionary<Hash32, SessionState>> SessionsAsync(StoreTarget target)
    {
        await using var store = target.CreateStore();
        var sessions = new Dictionary<Hash32, SessionState>();
        await store.LoadSessionTransactionsAsync(
            (_, bytes) =>
            {
                var tx = TransactionCodec.Decode(bytes);
                var id = SessionSection.SessionIdOf(tx);
                sessions[id] = SessionRules.Transition(tx, sessions.GetValueOrDefault(id));
            },
            default);
        return sessions;
    }

    /// <summary>Number of stored state-tree node rows.</summary>
    public static async Task<int> StateNodeRowsAsync(StoreTarget target)
    {
        await using var store = target.CreateStore();
        var count = 0;
        await store.LoadSmtNodesAsync((_, _) => count++, default);
        return count;
    }

    /// <summary>Sum of every unspent output.</summary>
    public static async Task<Amount> TotalUnspentAsync(StoreTarget target)
    {
        await using var store = target.CreateStore();
        var total = Amount.Zero;
        await store.LoadUnspentAsync((_, _, amount, _) => total += amount, default);
        return total;
    }
}
