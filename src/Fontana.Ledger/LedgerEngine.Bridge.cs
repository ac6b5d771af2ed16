using Fontana.Core;
using Fontana.Core.Encoding;
using Fontana.Core.Transactions;
using Fontana.Core.Validation;

namespace Fontana.Ledger;

/// <summary>Bridge events become bridge-signed transactions that go through the normal apply path and into blocks.</summary>
public sealed partial class LedgerEngine
{
    /// <summary>
    /// Credits an L1 deposit: a Deposit transaction (one output, external reference = <paramref name="l1TxRef"/>)
    /// signed by the bridge authority. The transaction is deterministic, so repeating the call returns the original
    /// receipt; the same reference with other terms is rejected <c>duplicate-deposit</c>.
    /// </summary>
    public Task<ApplyResult> ProcessDepositAsync(string l1TxRef, Address address, Amount amount, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(l1TxRef);
        l1TxRef = l1TxRef.Trim(); // one reference, however it was padded: the duplicate check sees the trimmed text
        if (CheckReference(l1TxRef) is { } refused)
        {
            return Task.FromResult(refused);
        }

        var key = BridgeKey();
        var tx = new TransactionBuilder(ChainId, TransactionKind.Deposit)
            .AddOutput(address, amount)
            .WithExternalRef(l1TxRef)
            .Sign(key);
        return ApplyAsync(tx, cancellationToken);
    }

    /// <summary>
    /// Records that withdrawal <paramref name="withdrawalTxId"/> was paid out on L1 by <paramref name="l1TxRef"/>:
    /// a WithdrawalConfirmation transaction (memo = the withdrawal txid) signed by the bridge authority.
    /// Rejections: <c>unknown-withdrawal</c>, <c>withdrawal-already-confirmed</c>.
    /// </summary>
    public Task<ApplyResult> ProcessWithdrawalConfirmedAsync(Hash32 withdrawalTxId, string l1TxRef, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(l1TxRef);
        l1TxRef = l1TxRef.Trim();
        if (CheckReference(l1TxRef) is { } refused)
        {
            return Task.FromResult(refused);
        }

        var key = BridgeKey();
        var tx = new TransactionBuilder(ChainId, TransactionKind.WithdrawalConfirmation)
            .WithMemo(withdrawalTxId)
            .WithExternalRef(l1TxRef)
            .Sign(key);
        return ApplyAsync(tx, cancellationToken);
    }

    /// <summary>An empty or over-long reference is a rejection (<c>missing-external-ref</c>, <c>external-ref-too-long</c>),
    /// never an exception: the caller is an operator's request or the bridge's daemon.</summary>
    private static ApplyResult? CheckReference(string l1TxRef)
    {
        if (l1TxRef.Length == 0)
        {
            return ApplyResult.Rejected(Hash32.Zero, RejectionCode.MissingExternalRef, "the L1 reference is empty");
        }

        var bytes = System.Text.Encoding.UTF8.GetByteCount(l1TxRef);
        return bytes > TransactionCodec.MaxExternalRefLength
            ? ApplyResult.Rejected(Hash32.Zero, RejectionCode.ExternalRefTooLong,
                $"the L1 reference is {bytes} UTF-8 bytes (limit {TransactionCodec.MaxExternalRefLength})")
            : null;
    }

    private Fontana.Core.Crypto.PrivateKey BridgeKey() =>
        _context.BridgeAuthorityKey
        ?? throw new LedgerException(LedgerErrorCodes.KeyMissing, "bridge events need the bridge authority key (Ledger:BridgeAuthorityKey)");
}
