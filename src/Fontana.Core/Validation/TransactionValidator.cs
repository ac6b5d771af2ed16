using System.Buffers;
using Fontana.Core.Bridge;
using Fontana.Core.Encoding;
using Fontana.Core.Transactions;

namespace Fontana.Core.Validation;

/// <summary>
/// Stateless transaction validation: everything that can be checked without the UTXO set, signature included.
/// Never throws for a bad transaction; the first failing rule (in the order of docs/protocol.md §8) decides the code.
/// Allocation-free on the happy path.
/// </summary>
public static class TransactionValidator
{
    /// <summary>Up to this many inputs, duplicates are found by comparing pairs (no allocation).</summary>
    private const int PairwiseDuplicateLimit = 16;

    /// <summary>Checks every stateless rule and the signature against <paramref name="context"/> (chain id, minimum fee, current time); returns the first failure's <see cref="RejectionCode"/>, never throws for a bad transaction.</summary>
    public static ValidationResult Validate(Transaction transaction, in ValidationContext context)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        var structural = ValidateStructure(transaction, context);
        if (!structural.IsValid)
        {
            return structural;
        }

        return transaction.VerifySignature()
            ? ValidationResult.Valid
            : ValidationResult.Reject(RejectionCode.BadSignature, $"signature does not verify for signer {transaction.Signer}");
    }

    /// <summary>Every stateless rule except the signature (cheap; for callers that verify signatures in a batch elsewhere).</summary>
    public static ValidationResult ValidateStructure(Transaction transaction, in ValidationContext context)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        if (transaction.Version != Transaction.CurrentVersion)
        {
            return ValidationResult.Reject(RejectionCode.UnsupportedVersion, $"version {transaction.Version} (expected {Transaction.CurrentVersion})");
        }

        if (!string.Equals(transaction.ChainId, context.ChainId, StringComparison.Ordinal))
        {
            return ValidationResult.Reject(RejectionCode.WrongChain, $"transaction is for chain \"{transaction.ChainId}\", this is \"{context.ChainId}\"");
        }

        var limits = CheckLimits(transaction);
        if (!limits.IsValid)
        {
            return limits;
        }

        if (transaction.Expiry != 0 && context.NowUnixSeconds > transaction.Expiry)
        {
            return ValidationResult.Reject(RejectionCode.Expired, $"expired at {transaction.Expiry} (now {context.NowUnixSeconds})");
        }

        var shape = CheckKind(transaction);
        if (!shape.IsValid)
        {
            return shape;
        }

        var outputs = transaction.OutputSpan;
        for (var i = 0; i < outputs.Length; i++)
        {
            if (outputs[i].Amount.IsZero)
            {
                return ValidationResult.Reject(RejectionCode.ZeroOutput, $"output {i} has amount 0");
            }
        }

        if (!transaction.TryGetOutputTotal(out _))
        {
            return ValidationResult.Reject(RejectionCode.AmountOverflow, "outputs plus fee exceed the largest amount");
        }

        if (transaction.Kind is TransactionKind.Transfer or TransactionKind.Withdrawal or TransactionKind.SessionOpen
                or TransactionKind.SessionTopUp or TransactionKind.SessionClaim
            && transaction.Fee < context.MinFee)
        {
            return ValidationResult.Reject(RejectionCode.FeeTooLow, $"fee {transaction.Fee.ToUtiaString()} is below the minimum {context.MinFee.ToUtiaString()}");
        }

        if (FindDuplicate(transaction.InputSpan) is int duplicate)
        {
            return ValidationResult.Reject(RejectionCode.DuplicateInput, $"input {duplicate} ({transaction.InputSpan[duplicate]}) is spent twice");
        }

        return ValidationResult.Valid;
    }

    private static ValidationResult CheckLimits(Transaction transaction)
    {
        if (transaction.InputSpan.Length > TransactionCodec.MaxInputs)
        {
            return ValidationResult.Reject(RejectionCode.TooManyInputs, $"{transaction.InputSpan.Length} inputs (limit {TransactionCodec.MaxInputs})");
        }

        if (transaction.OutputSpan.Length > TransactionCodec.MaxOutputs)
        {
            return ValidationResult.Reject(RejectionCode.TooManyOutputs, $"{transaction.OutputSpan.Length} outputs (limit {TransactionCodec.MaxOutputs})");
        }

        if (transaction.Memo.Length > TransactionCodec.MaxMemoLength)
        {
            return ValidationResult.Reject(RejectionCode.MemoTooLong, $"memo is {transaction.Memo.Length} bytes (limit {TransactionCodec.MaxMemoLength})");
        }

        if (transaction.ExternalRefByteCount > TransactionCodec.MaxExternalRefLength)
        {
            return ValidationResult.Reject(
                RejectionCode.ExternalRefTooLong, $"external reference is {transaction.ExternalRefByteCount} bytes (limit {TransactionCodec.MaxExternalRefLength})");
        }

        var length = TransactionCodec.GetEncodedLength(transaction);
        if (length > TransactionCodec.MaxEncodedLength)
        {
            return ValidationResult.Reject(RejectionCode.TooLarge, $"encodes to {length} bytes (limit {TransactionCodec.MaxEncodedLength})");
        }

        return ValidationResult.Valid;
    }

    private static ValidationResult CheckKind(Transaction transaction)
    {
        var inputs = transaction.InputSpan.Length;
        var outputs = transaction.OutputSpan.Length;
        var hasExternalRef = transaction.ExternalRef.Length != 0;
        switch (transaction.Kind)
        {
            case TransactionKind.Transfer:
                if (inputs == 0)
                {
                    return ValidationResult.Reject(RejectionCode.NoInputs, "a transfer spends at least one input");
                }

                if (outputs == 0)
                {
                    return ValidationResult.Reject(RejectionCode.NoOutputs, "a transfer creates at least one output");
                }

                return hasExternalRef
                    ? ValidationResult.Reject(RejectionCode.UnexpectedExternalRef, "a transfer has no external reference")
                    : ValidationResult.Valid;

            case TransactionKind.Withdrawal:
                if (inputs == 0)
                {
                    return ValidationResult.Reject(RejectionCode.NoInputs, "a withdrawal spends at least one input");
                }

                return hasExternalRef
                    ? CheckL1Address(transaction.ExternalRef)
                    : ValidationResult.Reject(RejectionCode.MissingExternalRef, "a withdrawal names its L1 destination address");

            case TransactionKind.Deposit:
                if (inputs != 0)
                {
                    return ValidationResult.Reject(RejectionCode.UnexpectedInputs, "a deposit spends no inputs");
                }

                if (outputs == 0)
                {
                    return ValidationResult.Reject(RejectionCode.NoOutputs, "a deposit mints at least one output");
                }

                if (!transaction.Fee.IsZero)
                {
                    return ValidationResult.Reject(RejectionCode.UnexpectedFee, "a deposit pays no fee");
                }

                return hasExternalRef
                    ? ValidationResult.Valid
                    : ValidationResult.Reject(RejectionCode.MissingExternalRef, "a deposit names its L1 deposit transaction");

            case TransactionKind.WithdrawalConfirmation:
                if (inputs != 0)
                {
                    return ValidationResult.Reject(RejectionCode.UnexpectedInputs, "a withdrawal confirmation spends no inputs");
                }

                if (outputs != 0)
                {
                    return ValidationResult.Reject(RejectionCode.UnexpectedOutputs, "a withdrawal confirmation creates no outputs");
                }

                if (!transaction.Fee.IsZero)
                {
                    return ValidationResult.Reject(RejectionCode.UnexpectedFee, "a withdrawal confirmation pays no fee");
                }

                if (transaction.Memo.Length != Hash32.Length)
                {
                    return ValidationResult.Reject(
                        RejectionCode.BadMemo, $"a withdrawal confirmation's memo is the 32-byte withdrawal txid, not {transaction.Memo.Length} bytes");
                }

                return hasExternalRef
                    ? ValidationResult.Valid
                    : ValidationResult.Reject(RejectionCode.MissingExternalRef, "a withdrawal confirmation names its L1 payout transaction");

            case TransactionKind.SessionOpen or TransactionKind.SessionTopUp or TransactionKind.SessionClaim
                or TransactionKind.SessionClose or TransactionKind.SessionReclaim:
                return SessionShape.Check(transaction);

            default:
                return ValidationResult.Reject(RejectionCode.Malformed, $"unknown kind {(byte)transaction.Kind}");
        }
    }

    /// <summary>A withdrawal pays its external reference on L1: it must be a Celestia account in canonical form (lower-case
    /// bech32, no spaces), so the processor pays exactly the address that was signed and burned for.</summary>
    private static ValidationResult CheckL1Address(string externalRef)
    {
        if (!CelestiaAddress.TryParse(externalRef, out var address, out var error))
        {
            return ValidationResult.Reject(RejectionCode.BadL1Address, $"the withdrawal's L1 address is not a Celestia account: {error}");
        }

        return address.Text == externalRef
            ? ValidationResult.Valid
            : ValidationResult.Reject(RejectionCode.BadL1Address, $"the withdrawal's L1 address must be written canonically ({address.Text})");
    }

    /// <summary>Index of an input that repeats an earlier one, or null.</summary>
    private static int? FindDuplicate(ReadOnlySpan<OutPoint> inputs)
    {
        if (inputs.Length <= PairwiseDuplicateLimit)
        {
            for (var i = 1; i < inputs.Length; i++)
            {
                for (var j = 0; j < i; j++)
                {
                    if (inputs[i] == inputs[j])
                    {
                        return i;
                    }
                }
            }

            return null;
        }

        var rented = ArrayPool<OutPoint>.Shared.Rent(inputs.Length);
        try
        {
            var sorted = rented.AsSpan(0, inputs.Length);
            inputs.CopyTo(sorted);
            sorted.Sort();
            for (var i = 1; i < sorted.Length; i++)
            {
                if (sorted[i] == sorted[i - 1])
                {
                    return SecondOccurrence(inputs, sorted[i]);
                }
            }

            return null;
        }
        finally
        {
            ArrayPool<OutPoint>.Shared.Return(rented);
        }
    }

    private static int SecondOccurrence(ReadOnlySpan<OutPoint> inputs, OutPoint value)
    {
        var first = inputs.IndexOf(value);
        return first + 1 + inputs[(first + 1)..].IndexOf(value);
    }
}
