namespace Fontana.Ledger.Load;

/// <summary>
/// Builds a real chain for the recovery benchmark: applies <see cref="PaymentChains"/> level by level (payment j of
/// every chain, then j+1) through a ledger opened on its genesis and sequencer key, seals a block every
/// <c>levelsPerBlock</c> levels, and hands each sealed block (genesis block 0 first) to <c>onSealed</c> — which posts
/// it to DA as the node's poster would.
/// </summary>
public static class LedgerChainBuilder
{
    /// <summary>Applies every payment and seals; returns the last block. Throws if any payment is rejected or the payee's balance is off.</summary>
    public static async Task<LedgerBlock> BuildAsync(
        LedgerEngine ledger, PaymentChains chains, int levelsPerBlock, Func<ulong, Task> onSealed, Action<string>? log = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        ArgumentNullException.ThrowIfNull(chains);
        ArgumentNullException.ThrowIfNull(onSealed);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(levelsPerBlock);
        log ??= _ => { };
        await onSealed(0).ConfigureAwait(false);
        LedgerBlock? last = null;
        long applied = 0;
        var pending = new List<Task<ApplyResult>>(chains.Chains);
        for (var level = 0; level < chains.Depth; level++)
        {
            pending.Clear();
            foreach (var chain in chains.Signed)
            {
                if (level < chain.Length)
                {
                    pending.Add(ledger.ApplyAsync(chain[level], cancellationToken));
                }
            }

            foreach (var result in await Task.WhenAll(pending).ConfigureAwait(false))
            {
                if (!result.IsAccepted)
                {
                    throw new InvalidOperationException($"payment rejected while building the chain: {result}");
                }
            }

            applied += pending.Count;
            if ((level + 1) % levelsPerBlock == 0 || level == chains.Depth - 1)
            {
                last = await ledger.SealAsync(cancellationToken).ConfigureAwait(false);
                await onSealed(last.Header.Height).ConfigureAwait(false);
                if (last.Header.Height % 20 == 0)
                {
                    log($"block {last.Header.Height}: {applied} payments");
                }
            }
        }

        var received = await ledger.GetBalanceAsync(chains.Payee, cancellationToken).ConfigureAwait(false);
        if (received.Utia != (ulong)chains.Transactions * PaymentChains.Payment)
        {
            throw new InvalidOperationException($"the payee holds {received.Utia} utia; expected {(ulong)chains.Transactions * PaymentChains.Payment}");
        }

        return last ?? throw new InvalidOperationException("no payments to build a chain from");
    }
}
