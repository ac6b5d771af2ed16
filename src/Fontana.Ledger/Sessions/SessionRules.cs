using Fontana.Core;
using Fontana.Core.Sessions;
using Fontana.Core.Transactions;
using Fontana.Core.Validation;

namespace Fontana.Ledger.Sessions;

/// <summary>
/// The stateful rules of the session kinds (docs/protocol.md §8, "Sessions"), as pure functions of the session's
/// current state: the writer checks with them, the loader replays committed session transactions with
/// <see cref="Transition"/>. Value moves only between outputs and the session's locked amount, so
/// outputs + locked is conserved exactly (fees become the fee output as for any kind).
/// </summary>
internal static class SessionRules
{
    /// <summary>
    /// Checks <paramref name="tx"/> (already statelessly valid) against <paramref name="current"/>, the state of the
    /// session it names (null when unknown). <paramref name="inputTotal"/> is the sum of its inputs (open, top-up).
    /// Returns no code and the session's next state when it may apply.
    /// </summary>
    public static RejectionCode Check(
        Transaction tx, SessionState? current, Amount inputTotal, ulong nowSeconds, out string? detail, out SessionState? next)
    {
        next = null;
        detail = null;
        tx.TryGetOutputTotal(out var outputTotal);
        if (tx.Kind == TransactionKind.SessionOpen)
        {
            var open = SessionSection.OpenTerms(tx);
            if (!Amount.TryAdd(outputTotal, open.Deposit, out var spent) || spent != inputTotal)
            {
                return Fail(RejectionCode.ValueMismatch, $"inputs total {inputTotal.ToUtiaString()}; outputs, fee and deposit {spent.ToUtiaString()}", out detail);
            }

            if (open.Expiry <= nowSeconds)
            {
                return Fail(RejectionCode.SessionExpired, $"the session would expire at {open.Expiry}, which is not after now ({nowSeconds})", out detail);
            }

            next = Transition(tx, null);
            return default;
        }

        var id = SessionSection.SessionIdOf(tx);
        if (current is null)
        {
            return Fail(RejectionCode.SessionNotFound, $"no session {id}", out detail);
        }

        if (current.Closed)
        {
            return Fail(RejectionCode.SessionClosed, $"session {id} is closed", out detail);
        }

        var code = tx.Kind switch
        {
            TransactionKind.SessionTopUp => CheckTopUp(tx, current, inputTotal, outputTotal, nowSeconds, out detail),
            TransactionKind.SessionClaim => CheckClaim(tx, current, outputTotal, out detail),
            TransactionKind.SessionClose => CheckClose(tx, current, out detail),
            TransactionKind.SessionReclaim => CheckReclaim(tx, current, nowSeconds, out detail),
            _ => Fail(RejectionCode.Malformed, $"{tx.Kind} is not a session kind", out detail),
        };
        if (code.IsNone)
        {
            next = Transition(tx, current);
        }

        return code;
    }

    /// <summary>The session's state after <paramref name="tx"/> (which the rules accepted).</summary>
    public static SessionState Transition(Transaction tx, SessionState? current)
    {
        switch (tx.Kind)
        {
            case TransactionKind.SessionOpen:
                var open = SessionSection.OpenTerms(tx);
                return new SessionState(tx.TxId, tx.Signer, open.Payee, open.SessionKey, open.Expiry, open.Deposit, Amount.Zero, 0, false);
            case TransactionKind.SessionTopUp:
                var topUp = SessionSection.TopUpTerms(tx);
                return Required(current) with { Deposit = current!.Deposit + topUp.Amount, Expiry = Math.Max(current.Expiry, topUp.Expiry) };
            case TransactionKind.SessionClaim:
                var claimed = SessionSection.VoucherOf(tx).Voucher;
                tx.TryGetOutputTotal(out var amount);
                return Required(current) with { Claimed = current!.Claimed + amount, Counter = claimed.Counter };
            case TransactionKind.SessionClose:
                var signed = SessionSection.VoucherOf(tx);
                var toPayee = PayeeShare(tx, Required(current));
                return current! with
                {
                    Claimed = current.Claimed + toPayee,
                    Counter = IsForward(signed, current) ? signed.Voucher.Counter : current.Counter,
                    Closed = true,
                };
            case TransactionKind.SessionReclaim:
                return Required(current) with { Closed = true };
            default:
                throw new ArgumentException($"{tx.Kind} is not a session kind", nameof(tx));
        }
    }

    /// <summary>True when a close's final voucher is newer than the last claim (so the payee may take up to it).</summary>
    public static bool IsForward(SignedVoucher voucher, SessionState current) =>
        !voucher.IsNone && voucher.Voucher.Counter > current.Counter && voucher.Voucher.Cumulative > current.Claimed;

    /// <summary>A close's payment to the payee: its first output when that output is the payee's, else 0.</summary>
    public static Amount PayeeShare(Transaction tx, SessionState current) =>
        tx.Outputs.Count > 0 && tx.Outputs[0].Address.PublicKey == current.Payee ? tx.Outputs[0].Amount : Amount.Zero;

    private static RejectionCode CheckTopUp(Transaction tx, SessionState current, Amount inputTotal, Amount outputTotal, ulong now, out string? detail)
    {
        detail = null;
        var topUp = SessionSection.TopUpTerms(tx);
        if (tx.Signer != current.Payer)
        {
            return Fail(RejectionCode.NotSessionPayer, $"only the payer {current.Payer} tops up session {current.Id}", out detail);
        }

        if (now >= current.Expiry)
        {
            return Fail(RejectionCode.SessionExpired, $"session {current.Id} expired at {current.Expiry}", out detail);
        }

        if (topUp.Expiry != 0 && topUp.Expiry < current.Expiry)
        {
            return Fail(RejectionCode.BadSessionTerms, $"a top-up cannot bring the expiry forward ({current.Expiry} → {topUp.Expiry})", out detail);
        }

        if (!Amount.TryAdd(outputTotal, topUp.Amount, out var spent) || spent != inputTotal)
        {
            return Fail(RejectionCode.ValueMismatch, $"inputs total {inputTotal.ToUtiaString()}; outputs, fee and top-up {spent.ToUtiaString()}", out detail);
        }

        return Amount.TryAdd(current.Deposit, topUp.Amount, out _)
            ? default
            : Fail(RejectionCode.AmountOverflow, "the deposit would exceed the largest amount", out detail);
    }

    private static RejectionCode CheckClaim(Transaction tx, SessionState current, Amount outputTotal, out string? detail)
    {
        detail = null;
        var signed = SessionSection.VoucherOf(tx);
        var voucher = signed.Voucher;
        if (tx.Signer != current.Payee || tx.Outputs[0].Address.PublicKey != current.Payee)
        {
            return Fail(RejectionCode.NotSessionPayee, $"only the payee {current.Payee} claims from session {current.Id}, to itself", out detail);
        }

        if (!signed.Verify(current.SessionKey, tx.ChainId))
        {
            return Fail(RejectionCode.BadVoucherSignature, $"the voucher is not signed by session {current.Id}'s key", out detail);
        }

        if (voucher.Cumulative > current.Deposit)
        {
            return Fail(RejectionCode.VoucherExceedsDeposit, $"voucher for {voucher.Cumulative.ToUtiaString()}, deposit {current.Deposit.ToUtiaString()}", out detail);
        }

        if (voucher.Counter <= current.Counter)
        {
            return Fail(
                RejectionCode.ClaimNotForward,
                $"voucher #{voucher.Counter} is not after the last claimed voucher #{current.Counter}",
                out detail);
        }

        // The voucher authorizes up to its cumulative amount; the payee claims what it charged (output plus fee).
        return Amount.TryAdd(current.Claimed, outputTotal, out var after) && after <= voucher.Cumulative
            ? default
            : Fail(
                RejectionCode.ClaimExceedsVoucher,
                $"claiming {outputTotal.ToUtiaString()} (output plus fee) after {current.Claimed.ToUtiaString()} exceeds the voucher's {voucher.Cumulative.ToUtiaString()}",
                out detail);
    }

    private static RejectionCode CheckClose(Transaction tx, SessionState current, out string? detail)
    {
        detail = null;
        if (tx.Signer != current.Payer && tx.Signer != current.Payee)
        {
            return Fail(RejectionCode.NotSessionPayer, $"only the payer or the payee closes session {current.Id}", out detail);
        }

        var signed = SessionSection.VoucherOf(tx);
        if (!signed.IsNone)
        {
            if (!signed.Verify(current.SessionKey, tx.ChainId))
            {
                return Fail(RejectionCode.BadVoucherSignature, $"the final voucher is not signed by session {current.Id}'s key", out detail);
            }

            if (signed.Voucher.Cumulative > current.Deposit)
            {
                return Fail(RejectionCode.VoucherExceedsDeposit, $"final voucher for {signed.Voucher.Cumulative.ToUtiaString()}, deposit {current.Deposit.ToUtiaString()}", out detail);
            }
        }

        var toPayee = PayeeShare(tx, current);
        var allowed = IsForward(signed, current) ? signed.Voucher.Cumulative - current.Claimed : Amount.Zero;
        if (toPayee > allowed)
        {
            return Fail(
                RejectionCode.ClaimExceedsVoucher,
                $"the close pays the payee {toPayee.ToUtiaString()}; its final voucher allows {allowed.ToUtiaString()} more than was claimed",
                out detail);
        }

        return ExpectOutputs(tx, current, toPayee, current.Deposit - current.Claimed - toPayee, out detail);
    }

    private static RejectionCode CheckReclaim(Transaction tx, SessionState current, ulong now, out string? detail)
    {
        detail = null;
        if (tx.Signer != current.Payer)
        {
            return Fail(RejectionCode.NotSessionPayer, $"only the payer {current.Payer} reclaims session {current.Id}", out detail);
        }

        if (now < current.Expiry)
        {
            return Fail(RejectionCode.SessionNotExpired, $"session {current.Id} expires at {current.Expiry} (now {now})", out detail);
        }

        return ExpectOutputs(tx, current, Amount.Zero, current.Deposit - current.Claimed, out detail);
    }

    /// <summary>A close or reclaim pays exactly: the payee's share (if any), then the payer's refund of the rest (if any).</summary>
    private static RejectionCode ExpectOutputs(Transaction tx, SessionState current, Amount toPayee, Amount toPayer, out string? detail)
    {
        detail = null;
        var outputs = tx.Outputs;
        var index = 0;
        var ok = true;
        if (!toPayee.IsZero)
        {
            ok = outputs.Count > index && outputs[index].Address.PublicKey == current.Payee && outputs[index].Amount == toPayee;
            index++;
        }

        if (ok && !toPayer.IsZero)
        {
            ok = outputs.Count > index && outputs[index].Address.PublicKey == current.Payer && outputs[index].Amount == toPayer;
            index++;
        }

        return ok && outputs.Count == index
            ? default
            : Fail(
                RejectionCode.ValueMismatch,
                $"session {current.Id} pays {toPayee.ToUtiaString()} to the payee and {toPayer.ToUtiaString()} back to the payer, in that order, zero amounts omitted",
                out detail);
    }

    private static SessionState Required(SessionState? current) =>
        current ?? throw new InvalidOperationException("a session transaction other than an open needs the session's state");

    private static RejectionCode Fail(RejectionCode code, string text, out string? detail)
    {
        detail = text;
        return code;
    }
}
