using Fontana.Core;
using Fontana.Core.Receipts;
using Fontana.Core.Transactions;
using Fontana.Core.Validation;
using Fontana.Ledger.State;
using Fontana.Ledger.Storage;

namespace Fontana.Ledger.Pipeline;

/// <summary>The stateful ledger rules (docs/ledger.md "Apply"): checked in memory, with a store lookup only to explain a missing input or to find an earlier identical transaction.</summary>
internal sealed partial class LedgerWriter
{
    private enum Verdict
    {
        Apply,
        Reject,
        NeedsLookup,
    }

    /// <summary>Applies <paramref name="item"/> into <paramref name="job"/> or completes it with a rejection / the earlier receipt. True when applied.</summary>
    private async ValueTask<bool> ApplyAsync(PendingApply item, CommitJob job)
    {
        var tx = item.Transaction!;
        if (_state.InflightTx.TryGetValue(tx.TxId, out var original))
        {
            AttachDuplicate(item, original);
            return false;
        }

        if (item.ExpiredDetail is { } expired)
        {
            var applied = await _context.Store.GetTransactionAsync(tx.TxId, CancellationToken.None).ConfigureAwait(false);
            item.Completion.TrySetResult(applied is not null
                ? StoredReceiptResult(applied)
                : ApplyResult.Rejected(tx.TxId, RejectionCode.Expired, expired));
            return false;
        }

        var verdict = Check(tx, lookedUp: false, out var code, out var detail, out var inputTotal);
        if (verdict == Verdict.NeedsLookup)
        {
            var stored = await _context.Store.GetTransactionAsync(tx.TxId, CancellationToken.None).ConfigureAwait(false);
            if (stored is not null)
            {
                item.Completion.TrySetResult(StoredReceiptResult(stored));
                return false;
            }

            (verdict, code, detail) = await ExplainMissingInputAsync(tx).ConfigureAwait(false);
            if (verdict == Verdict.NeedsLookup)
            {
                verdict = Check(tx, lookedUp: true, out code, out detail, out inputTotal);
                if (verdict == Verdict.NeedsLookup)
                {
                    throw new InvalidOperationException($"transaction {tx.TxId} still needs a lookup after one");
                }
            }
        }

        if (verdict == Verdict.Reject)
        {
            item.Completion.TrySetResult(ApplyResult.Rejected(tx.TxId, code, detail));
            return false;
        }

        Apply(item, job, inputTotal);
        return true;
    }

    /// <summary>
    /// The rules, in order: inputs exist and are unspent (first missing input decides), each input is owned by the
    /// signer, value is conserved; bridge kinds: signer is the bridge authority, deposit reference unused, withdrawal
    /// known and unconfirmed. Needs a lookup for a missing input and for bridge kinds (txid dedupe).
    /// </summary>
    private Verdict Check(Transaction tx, bool lookedUp, out RejectionCode code, out string? detail, out Amount inputTotal)
    {
        code = default;
        detail = null;
        inputTotal = Amount.Zero;
        tx.TryGetOutputTotal(out var outputTotal);
        switch (tx.Kind)
        {
            case TransactionKind.Transfer or TransactionKind.Withdrawal:
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

                if (tx.Kind == TransactionKind.Transfer && inputTotal != outputTotal)
                {
                    return Reject(
                        RejectionCode.ValueMismatch,
                        $"inputs total {inputTotal.ToUtiaString()} but outputs plus fee total {outputTotal.ToUtiaString()}",
                        out code,
                        out detail);
                }

                if (tx.Kind == TransactionKind.Withdrawal && inputTotal <= outputTotal)
                {
                    return Reject(
                        RejectionCode.ValueMismatch,
                        $"inputs total {inputTotal.ToUtiaString()}, outputs plus fee {outputTotal.ToUtiaString()}: a withdrawal must withdraw more than 0",
                        out code,
                        out detail);
                }

                return Verdict.Apply;

            case TransactionKind.Deposit:
                if (tx.Signer != _context.Genesis.BridgeAuthorityPublicKey)
                {
                    return Reject(RejectionCode.NotBridgeAuthority, $"deposits are signed by the bridge authority, not {tx.Signer}", out code, out detail);
                }

                if (!lookedUp)
                {
                    return Verdict.NeedsLookup;
                }

                if (_state.DepositRefs.Contains(tx.ExternalRef))
                {
                    return Reject(RejectionCode.DuplicateDeposit, $"L1 deposit \"{tx.ExternalRef}\" was already credited", out code, out detail);
                }

                return Amount.TryAdd(_state.Supply, outputTotal, out _)
                    ? Verdict.Apply
                    : Reject(RejectionCode.AmountOverflow, "the deposit would make the supply exceed the largest amount", out code, out detail);

            case TransactionKind.WithdrawalConfirmation:
                if (tx.Signer != _context.Genesis.BridgeAuthorityPublicKey)
                {
                    return Reject(RejectionCode.NotBridgeAuthority, $"withdrawal confirmations are signed by the bridge authority, not {tx.Signer}", out code, out detail);
                }

                if (!lookedUp)
                {
                    return Verdict.NeedsLookup;
                }

                var withdrawal = Hash32.FromBytes(tx.Memo.Span);
                if (!_state.Withdrawals.TryGetValue(withdrawal, out var confirmed))
                {
                    return Reject(RejectionCode.UnknownWithdrawal, $"no withdrawal {withdrawal}", out code, out detail);
                }

                return confirmed
                    ? Reject(RejectionCode.WithdrawalAlreadyConfirmed, $"withdrawal {withdrawal} is already confirmed", out code, out detail)
                    : Verdict.Apply;

            case TransactionKind.SessionOpen or TransactionKind.SessionTopUp or TransactionKind.SessionClaim
                or TransactionKind.SessionClose or TransactionKind.SessionReclaim:
                return CheckSession(tx, lookedUp, out code, out detail, out inputTotal);

            default:
                return Reject(RejectionCode.Malformed, $"unknown kind {tx.Kind}", out code, out detail);
        }
    }

    /// <summary>The first missing input: spent (in flight or committed) or never created. Bridge kinds: go on with the in-memory checks.</summary>
    private async ValueTask<(Verdict, RejectionCode, string?)> ExplainMissingInputAsync(Transaction tx)
    {
        var inputs = tx.Inputs;
        for (var i = 0; i < inputs.Count; i++)
        {
            var input = inputs[i];
            if (_state.Utxos.ContainsKey(input))
            {
                continue;
            }

            if (_state.InflightSpends.TryGetValue(input, out var spender))
            {
                return (Verdict.Reject, RejectionCode.InputSpent, $"input {i} ({input}) was spent by {spender}");
            }

            var stored = await _context.Store.GetUtxoAsync(input, CancellationToken.None).ConfigureAwait(false);
            if (stored is null)
            {
                return (Verdict.Reject, RejectionCode.InputNotFound, $"input {i} ({input}) does not exist");
            }

            if (stored.SpentBy is { } by)
            {
                return (Verdict.Reject, RejectionCode.InputSpent, $"input {i} ({input}) was spent by {by}");
            }

            throw new InvalidOperationException($"output {input} is unspent in the store but missing from memory");
        }

        return (Verdict.NeedsLookup, default, null);
    }

    private void Apply(PendingApply item, CommitJob job, Amount inputTotal)
    {
        var tx = item.Transaction!;
        var txId = tx.TxId;
        var seq = ++_state.LastSeq;
        item.Seq = seq;
        var batch = job.Batch;
        foreach (var input in tx.Inputs)
        {
            _state.Utxos.Remove(input, out var unspent);
            _state.Pending.Spent(input);
            _state.InflightSpends[input] = txId;
            if (job.CreatedHere.Remove(input, out var row))
            {
                batch.NewUtxos[row] = batch.NewUtxos[row] with { SpentBy = txId, SpentSeq = seq };
            }
            else
            {
                batch.Spends.Add(new UtxoSpend(input, unspent.CreatedSeq, txId, seq, unspent.Address.PublicKey));
            }
        }

        _state.Supply -= inputTotal;
        var created = TxEffects.CreatedCount(tx);
        for (var i = 0; i < created; i++)
        {
            var outPoint = new OutPoint(txId, (ushort)i);
            var output = TxEffects.Created(tx, i, _context.FeeAddress);
            _state.AddUtxo(outPoint, output, seq);
            _state.Pending.Created(outPoint, output);
            job.CreatedHere[outPoint] = batch.NewUtxos.Count;
            batch.NewUtxos.Add(new NewUtxo(outPoint, output.Address.PublicKey, output.Amount, seq));
        }

        switch (tx.Kind)
        {
            case TransactionKind.Deposit:
                _state.DepositRefs.Add(tx.ExternalRef);
                batch.Deposits.Add(new StoredDeposit(tx.ExternalRef, txId));
                break;
            case TransactionKind.Withdrawal:
                tx.TryGetOutputTotal(out var kept);
                _state.Withdrawals.Add(txId, false);
                batch.Withdrawals.Add(new StoredWithdrawal(txId, seq, tx.ExternalRef, inputTotal - kept, false, null, null));
                break;
            case TransactionKind.WithdrawalConfirmation:
                var withdrawal = Hash32.FromBytes(tx.Memo.Span);
                _state.Withdrawals[withdrawal] = true;
                batch.Confirmations.Add(new WithdrawalConfirmation(withdrawal, txId, tx.ExternalRef));
                break;
            case TransactionKind.SessionOpen or TransactionKind.SessionTopUp or TransactionKind.SessionClaim
                or TransactionKind.SessionClose or TransactionKind.SessionReclaim:
                ApplySession(tx);
                break;
        }

        _state.Pending.TxIds.Add(txId);
        _state.InflightTx[txId] = item;
        job.Applied.Add(item);
    }

    private static void AttachDuplicate(PendingApply item, PendingApply original) =>
        original.Completion.Task.ContinueWith(
            t => item.Completion.TrySetResult(t.Result.IsAccepted ? ApplyResult.Accepted(t.Result.Receipt, alreadyApplied: true) : t.Result),
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);

    private static ApplyResult StoredReceiptResult(StoredTransaction stored) =>
        stored.ReceiptSignature.Length == ProvisionalReceipt.SignatureLength
            ? ApplyResult.Accepted(new ProvisionalReceipt(stored.TxId, (ulong)stored.Seq, (ulong)stored.AcceptedAtMs, stored.ReceiptSignature), alreadyApplied: true)
            : ApplyResult.Unavailable(stored.TxId, "the transaction was replayed from DA without a sequencer receipt");

    private static Verdict Reject(RejectionCode rejection, string text, out RejectionCode code, out string? detail)
    {
        code = rejection;
        detail = text;
        return Verdict.Reject;
    }
}
