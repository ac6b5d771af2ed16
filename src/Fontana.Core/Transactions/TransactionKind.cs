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

    /// <summary>Opens a payment session: the payer (signer) locks a deposit for one payee. ≥ 1 input, ≥ 0 change
    /// outputs, session section = <see cref="Sessions.SessionOpenTerms"/>; sum(in) = sum(out) + deposit + fee.
    /// The session id is this transaction's txid.</summary>
    SessionOpen = 5,

    /// <summary>Adds to an open session's deposit (and may extend its expiry): signed by the payer, ≥ 1 input,
    /// session section = <see cref="Sessions.SessionTopUpTerms"/>; sum(in) = sum(out) + amount + fee.</summary>
    SessionTopUp = 6,

    /// <summary>The payee settles a voucher: signed by the payee, 0 inputs, exactly 1 output to the payee of
    /// (voucher cumulative − claimed so far − fee); session section = the signed voucher.</summary>
    SessionClaim = 7,

    /// <summary>Ends a session, signed by the payer or the payee: the payee gets the final voucher's cumulative
    /// amount minus what was claimed (if the section carries a voucher), the payer gets the rest. Fee 0.</summary>
    SessionClose = 8,

    /// <summary>After expiry the payer takes back what was never claimed: 0 inputs, fee 0, session section = the
    /// session id, at most 1 output (to the payer: deposit − claimed).</summary>
    SessionReclaim = 9,
}
