using Fontana.Core;
using Fontana.Core.Sessions;
using Fontana.Core.Transactions;
using Fontana.Core.Validation;
using Fontana.Ledger.Sessions;

namespace Fontana.Ledger.Pipeline;

/// <summary>The session kinds on the writer (docs/ledger.md "Sessions"): inputs as for a transfer, then <see cref="SessionRules"/>.</summary>
internal sealed partial class LedgerWriter
{
    /// <summary>Set while a sealed block is replayed: its timestamp (ms) is "now" for the expiry rules, so replay decides as the sequencer did.</summary>
    private ulong? _fixedNowMs;

    private Verdict CheckSession(Transaction tx, bool lookedUp, out RejectionCode code, out string? detail, out Amount inputTotal)
    {
        code = default;
        detail = null;
        inputTotal = Amount.Zero;
        var inputs = tx.Inputs;
        for (var i = 0; i < inputs.Count; i++)
        {
            if (!_state.Utxos.TryGetValue(inputs[i], out var spent))
            {
                return Verdict.NeedsLookup;
            }

            if (spent.Address.PublicKey != tx.Signer)
            {
                return Reject(RejectionCode.NotOwner, $"input {i} ({inputs[i]}) belongs to {spent.Address}, not the signer", out code, out detail);
            }

            if (!Amount.TryAdd(inputTotal, spent.Amount, out inputTotal))
            {
                return Reject(RejectionCode.AmountOverflow, "inputs exceed the largest amount", out code, out detail);
            }
        }

        var current = tx.Kind == TransactionKind.SessionOpen ? null : _state.Sessions.GetValueOrDefault(SessionSection.SessionIdOf(tx));
        var nowSeconds = (_fixedNowMs ?? _context.NowUnixMilliseconds()) / 1000;
        code = SessionRules.Check(tx, current, inputTotal, nowSeconds, out detail, out _);
        if (code.IsNone)
        {
            return Verdict.Apply;
        }

        // A rejected claim, close or reclaim may be a resubmission of one already committed: look its txid up first.
        return lookedUp ? Verdict.Reject : Verdict.NeedsLookup;
    }

    private void ApplySession(Transaction tx)
    {
        var id = SessionSection.SessionIdOf(tx);
        var current = tx.Kind == TransactionKind.SessionOpen ? null : _state.Sessions[id];
        var next = SessionRules.Transition(tx, current);
        _state.SetSession(next, current);
        _state.Pending.SessionChanged(next);
    }
}
