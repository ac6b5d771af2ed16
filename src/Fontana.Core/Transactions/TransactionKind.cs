namespace Fontana.Core.Transactions;

/// <summary>What a transaction does. Encoded as one byte; other values are rejected (<c>bad-kind</c>).</summary>
public enum TransactionKind : byte
{
    /// <summary>Spends the signer's outputs into new outputs: ≥ 1 input, ≥ 1 output, sum(in) = sum(out) + fee.</summary>
    Transfer = 1,

    /// <summary>Burns value to leave the rollup: ≥ 1 input, ≥ 0 change outputs, ExternalRef = L1 destination address;
    /// the withdrawn amount sum(in) − sum(out) − fee must be &gt; 0.</summary>
    Withdrawal = 2,

    /// <summary>Bridge-issued mint: 0 inputs, ≥ 1 output, fee 0, ExternalRef = the L1 deposit transaction.</summary>
    Deposit = 3,

    /// <summary>Bridge-issued: 0 inputs, 0 outputs, fee 0, Memo = the 32-byte withdrawal txid, ExternalRef = the L1 payout transaction.</summary>
    WithdrawalConfirmation = 4,
}
