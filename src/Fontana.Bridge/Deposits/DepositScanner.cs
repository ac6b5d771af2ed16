using Fontana.Bridge.L1;
using Fontana.Core;
using Fontana.Core.Bridge;
using Fontana.Core.Errors;

namespace Fontana.Bridge.Deposits;

/// <summary>
/// One pass of the deposit watcher: finds transfers to the vault above the persisted cursor, records each as
/// <see cref="DepositStatus.Seen"/> with its confirmations (head − height + 1), and once it has
/// <paramref name="confirmations"/> reads the Fontana address from the memo and mints it (keyed by
/// <c>TXHASH:messageIndex</c>) — or records it <see cref="DepositStatus.Unclaimed"/> when the memo is not an
/// <c>fnt1…</c> address. The cursor then moves to just below the oldest transfer still waiting.
/// Exactly once: the store skips settled keys, and a mint whose record was lost (crash between mint and record, a
/// rescan from 0) is answered by the ledger with the original transaction, never a second one.
/// <paramref name="crashPoints"/> names each step for the SIGKILL crash tests (<see cref="BridgeCrashPoints"/>).
/// </summary>
public sealed class DepositScanner(
    CosmosTxQueryClient query, IDepositMinter minter, DepositStore store, CelestiaAddress vault, int confirmations, BridgeCrashPoints? crashPoints = null)
{
    private readonly BridgeCrashPoints _crash = crashPoints ?? BridgeCrashPoints.None;

    /// <summary>Runs one pass; returns how many deposits it settled (minted or unclaimed).</summary>
    public async Task<int> ScanOnceAsync(CancellationToken cancellationToken)
    {
        var head = await query.LatestHeightAsync(cancellationToken);
        var transfers = await query.TransfersToAsync(vault.Text, store.Cursor + 1, cancellationToken);
        long? oldestWaiting = null;
        var settled = 0;
        foreach (var t in transfers)
        {
            // Included after the head was read: the next pass sees it (the cursor stays at or below this head). The
            // head is read first so that the cursor never passes a block the transfer search did not cover.
            if (t.Height > head || store.Get(t.Key) is { Status: not DepositStatus.Seen })
            {
                continue;
            }

            var confirmed = head - t.Height + 1;
            _crash.Reach(BridgeCrashPoints.DepositBeforeRecordSeen);
            store.Seen(t, confirmed);
            if (confirmed < confirmations)
            {
                oldestWaiting ??= t.Height;
                continue;
            }

            if (!Address.TryParse(t.Memo.Trim(), out var to, out var memoError))
            {
                store.Unclaimed(t.Key, $"memo is not a Fontana address: {memoError}");
                settled++;
                continue;
            }

            _crash.Reach(BridgeCrashPoints.DepositBeforeMint);
            var mint = await minter.MintAsync(t.Key, to, Amount.FromUtia(t.Utia), cancellationToken);
            if (!mint.Accepted)
            {
                // duplicate-deposit: the key was minted with other terms — never mint again; the operator must look.
                throw new InvalidOperationException($"{mint.Code ?? ErrorCodes.Failed}: the ledger refused deposit {t.Key}: {mint.Detail}");
            }

            _crash.Reach(BridgeCrashPoints.DepositAfterMint);
            store.Minted(t.Key, mint.TxId.ToString());
            _crash.Reach(BridgeCrashPoints.DepositAfterRecordMinted);
            settled++;
        }

        store.SetCursor(oldestWaiting is { } h ? h - 1 : head);
        return settled;
    }
}
