using Fontana.Core;
using Fontana.Core.Blocks;
using Fontana.Core.Crypto;
using Fontana.Core.Transactions;
using Fontana.Ledger.Genesis;

namespace Fontana.Ledger;

/// <summary>
/// The ledger: applies transactions (parallel stateless checks, one writer, group commit, receipts after the commit),
/// seals blocks, processes bridge events and answers queries. Queries see committed state only.
/// Failures that are not rejections throw <see cref="LedgerException"/> with a code from <see cref="LedgerErrorCodes"/>.
/// </summary>
public interface ILedger : IAsyncDisposable
{
    /// <summary>The chain id from the genesis document (e.g. <c>fontana-devnet</c>); every transaction must carry it.</summary>
    string ChainId { get; }

    /// <summary>The genesis document the ledger was created from.</summary>
    GenesisDocument Genesis { get; }

    /// <summary>SHA-256 of the canonical genesis document: identifies the chain together with <see cref="ChainId"/>.</summary>
    Hash32 GenesisHash { get; }

    /// <summary>The key that signs receipts and block headers (from the genesis document).</summary>
    PublicKey SequencerPublicKey { get; }

    /// <summary>Header of the latest durably stored block.</summary>
    BlockHeader LatestHeader { get; }

    /// <summary>True after a failed commit (fail-stop): every call fails with <c>ledger-unavailable</c>; reopen to continue.</summary>
    bool IsFaulted { get; }

    /// <summary>Raised after each block is stored, in height order, on a background thread (one at a time).</summary>
    event EventHandler<BlockSealedEventArgs>? BlockSealed;

    /// <summary>Validates and applies a transaction; completes after the commit (receipt) or with the rejection code.
    /// Resubmitting an applied transaction returns the same receipt. Cancelling only stops waiting.</summary>
    Task<ApplyResult> ApplyAsync(Transaction transaction, CancellationToken cancellationToken = default);

    /// <summary>Decodes canonical transaction bytes and applies them (decode errors are rejections, e.g. <c>malformed</c>).</summary>
    Task<ApplyResult> ApplyAsync(ReadOnlyMemory<byte> canonicalBytes, CancellationToken cancellationToken = default);

    /// <summary>Seals the transactions applied since the last block into the next block (possibly empty) and stores it.</summary>
    Task<LedgerBlock> SealAsync(CancellationToken cancellationToken = default);

    /// <summary>Records that block <paramref name="height"/> was posted to DA.</summary>
    Task MarkPostedAsync(ulong height, string daReference, CancellationToken cancellationToken = default);

    /// <summary>
    /// Recovery: re-applies a sealed block (next height) exactly and verifies its signature, tx root and state root
    /// (<c>block-mismatch</c> / <c>block-invalid</c> name the height; the ledger then fails stop: reopen it).
    /// </summary>
    Task<LedgerBlock> ApplySealedBlockAsync(Block block, string? daReference = null, CancellationToken cancellationToken = default);

    /// <summary>Mints a deposit (a Deposit transaction signed by the bridge authority); idempotent per <paramref name="l1TxRef"/>.</summary>
    Task<ApplyResult> ProcessDepositAsync(string l1TxRef, Address address, Amount amount, CancellationToken cancellationToken = default);

    /// <summary>Confirms a withdrawal paid out on L1 (a WithdrawalConfirmation transaction); idempotent for the same arguments.</summary>
    Task<ApplyResult> ProcessWithdrawalConfirmedAsync(Hash32 withdrawalTxId, string l1TxRef, CancellationToken cancellationToken = default);

    /// <summary>Whether <paramref name="outPoint"/> is unspent, spent (and by which transaction) or unknown, in committed state.</summary>
    Task<UtxoStatus> GetUtxoStatusAsync(OutPoint outPoint, CancellationToken cancellationToken = default);

    /// <summary>Unspent outputs of <paramref name="address"/>, oldest first, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<LedgerUtxo>> GetUtxosAsync(Address address, int limit = 1000, CancellationToken cancellationToken = default);

    /// <summary>The sum of <paramref name="address"/>'s unspent outputs, in utia (zero for an address never paid).</summary>
    Task<Amount> GetBalanceAsync(Address address, CancellationToken cancellationToken = default);

    /// <summary>The sealed block at <paramref name="height"/> (header, txids, DA status), or null above the tip.</summary>
    Task<LedgerBlock?> GetBlockAsync(ulong height, CancellationToken cancellationToken = default);

    /// <summary>The latest sealed block (the genesis block before any seal).</summary>
    Task<LedgerBlock> GetLatestBlockAsync(CancellationToken cancellationToken = default);

    /// <summary>The block with its transactions (the DA payload), or null.</summary>
    Task<Block?> GetFullBlockAsync(ulong height, CancellationToken cancellationToken = default);

    /// <summary>Sealed blocks not yet posted to DA, lowest height first.</summary>
    Task<IReadOnlyList<LedgerBlock>> GetUnpostedBlocksAsync(int limit = 100, CancellationToken cancellationToken = default);

    /// <summary>The signed header of block <paramref name="height"/>, or null above the tip.</summary>
    Task<BlockHeader?> GetHeaderAsync(ulong height, CancellationToken cancellationToken = default);

    /// <summary>A committed transaction with its receipt and block height (null until sealed), or null when unknown.</summary>
    Task<LedgerTransaction?> GetTransactionAsync(Hash32 txId, CancellationToken cancellationToken = default);

    /// <summary>Inclusion proof against the tx root of the transaction's block; null when unknown or not yet sealed.</summary>
    Task<TransactionProof?> GetTransactionProofAsync(Hash32 txId, CancellationToken cancellationToken = default);

    /// <summary>Inclusion or non-inclusion proof of the outpoint against the latest sealed state root.</summary>
    Task<UtxoProof> GetUtxoProofAsync(OutPoint outPoint, CancellationToken cancellationToken = default);

    /// <summary>The withdrawal <paramref name="withdrawalTxId"/> and whether it is confirmed, or null when it is not a withdrawal.</summary>
    Task<WithdrawalInfo?> GetWithdrawalAsync(Hash32 withdrawalTxId, CancellationToken cancellationToken = default);

    /// <summary>Withdrawals not yet confirmed, oldest first.</summary>
    Task<IReadOnlyList<WithdrawalInfo>> GetPendingWithdrawalsAsync(int limit = 100, CancellationToken cancellationToken = default);

    /// <summary>A payment session's state as applied (open or closed), or null when no session has this id.</summary>
    Task<Fontana.Core.Sessions.SessionState?> GetSessionAsync(Hash32 sessionId, CancellationToken cancellationToken = default);
}
