using Fontana.Core.Sessions;
using Fontana.Core.Transactions;

namespace Fontana.Core.Validation;

/// <summary>The stateless rules of the session kinds (docs/protocol.md §8): shape of inputs, outputs, fee and section.</summary>
internal static class SessionShape
{
    public static ValidationResult Check(Transaction tx)
    {
        if (tx.SessionData.Length != SessionSection.LengthOf(tx.Kind))
        {
            return ValidationResult.Reject(RejectionCode.Malformed, $"the session section of a {tx.Kind} is {SessionSection.LengthOf(tx.Kind)} bytes");
        }

        if (tx.ExternalRef.Length != 0)
        {
            return ValidationResult.Reject(RejectionCode.UnexpectedExternalRef, "a session transaction has no external reference");
        }

        var inputs = tx.InputSpan.Length;
        var outputs = tx.OutputSpan.Length;
        switch (tx.Kind)
        {
            case TransactionKind.SessionOpen:
                if (inputs == 0)
                {
                    return ValidationResult.Reject(RejectionCode.NoInputs, "a session open spends at least one input");
                }

                var open = SessionSection.OpenTerms(tx);
                if (open.Deposit.IsZero)
                {
                    return ValidationResult.Reject(RejectionCode.BadSessionTerms, "a session deposit is more than 0");
                }

                if (open.Expiry == 0)
                {
                    return ValidationResult.Reject(RejectionCode.BadSessionTerms, "a session has an expiry");
                }

                if (open.Payee == tx.Signer)
                {
                    return ValidationResult.Reject(RejectionCode.BadSessionTerms, "the payer cannot be its own session's payee");
                }

                return tx.TryGetOutputTotal(out var total) && Amount.TryAdd(total, open.Deposit, out _)
                    ? ValidationResult.Valid
                    : ValidationResult.Reject(RejectionCode.AmountOverflow, "outputs, fee and deposit exceed the largest amount");

            case TransactionKind.SessionTopUp:
                if (inputs == 0)
                {
                    return ValidationResult.Reject(RejectionCode.NoInputs, "a session top-up spends at least one input");
                }

                var topUp = SessionSection.TopUpTerms(tx);
                if (topUp.Amount.IsZero)
                {
                    return ValidationResult.Reject(RejectionCode.BadSessionTerms, "a top-up adds more than 0");
                }

                return tx.TryGetOutputTotal(out var sum) && Amount.TryAdd(sum, topUp.Amount, out _)
                    ? ValidationResult.Valid
                    : ValidationResult.Reject(RejectionCode.AmountOverflow, "outputs, fee and top-up exceed the largest amount");

            case TransactionKind.SessionClaim:
                if (inputs != 0)
                {
                    return ValidationResult.Reject(RejectionCode.UnexpectedInputs, "a claim spends no inputs");
                }

                if (outputs != 1)
                {
                    return ValidationResult.Reject(outputs == 0 ? RejectionCode.NoOutputs : RejectionCode.UnexpectedOutputs, "a claim creates exactly one output, to the payee");
                }

                var claimed = SessionSection.VoucherOf(tx).Voucher;
                return claimed.Counter == 0 || claimed.Cumulative.IsZero || claimed.SessionId.IsZero
                    ? ValidationResult.Reject(RejectionCode.BadVoucher, "a claimed voucher has a session, a counter ≥ 1 and a cumulative amount > 0")
                    : ValidationResult.Valid;

            case TransactionKind.SessionClose:
                if (inputs != 0)
                {
                    return ValidationResult.Reject(RejectionCode.UnexpectedInputs, "a close spends no inputs");
                }

                if (outputs > 2)
                {
                    return ValidationResult.Reject(RejectionCode.UnexpectedOutputs, "a close creates at most two outputs: the payee's, then the payer's");
                }

                if (!tx.Fee.IsZero)
                {
                    return ValidationResult.Reject(RejectionCode.UnexpectedFee, "a close pays no fee");
                }

                var sessionId = SessionSection.SessionIdOf(tx);
                var final = SessionSection.VoucherOf(tx);
                if (sessionId.IsZero)
                {
                    return ValidationResult.Reject(RejectionCode.BadVoucher, "a close names its session");
                }

                return final.IsNone || (final.Voucher.SessionId == sessionId && final.Voucher.Counter != 0 && !final.Voucher.Cumulative.IsZero)
                    ? ValidationResult.Valid
                    : ValidationResult.Reject(RejectionCode.BadVoucher, "a close's final voucher is for the session it closes, with a counter ≥ 1 and an amount > 0");

            case TransactionKind.SessionReclaim:
                if (inputs != 0)
                {
                    return ValidationResult.Reject(RejectionCode.UnexpectedInputs, "a reclaim spends no inputs");
                }

                if (outputs > 1)
                {
                    return ValidationResult.Reject(RejectionCode.UnexpectedOutputs, "a reclaim creates at most one output, to the payer");
                }

                return tx.Fee.IsZero
                    ? ValidationResult.Valid
                    : ValidationResult.Reject(RejectionCode.UnexpectedFee, "a reclaim pays no fee");

            default:
                return ValidationResult.Reject(RejectionCode.Malformed, $"{tx.Kind} is not a session kind");
        }
    }
}
