using Fontana.Core;
using Fontana.Core.Blocks;
using Fontana.Core.Encoding;
using Fontana.Core.Merkle;
using Fontana.Core.Receipts;
using Fontana.Core.Transactions;
using Fontana.Ledger.Storage;

namespace Fontana.Ledger;

/// <summary>Queries: committed state only, straight from the store (proofs from the in-memory state tree).</summary>
public sealed partial class LedgerEngine
{
    /// <inheritdoc/>
    public async Task<UtxoStatus> GetUtxoStatusAsync(OutPoint outPoint, CancellationToken cancellationToken = default)
    {
        var stored = await _context.Store.GetUtxoAsync(outPoint, cancellationToken).ConfigureAwait(false);
        return stored is null
            ? new UtxoStatus(outPoint, UtxoState.Unknown, null, null)
            : new UtxoStatus(outPoint, stored.SpentBy is null ? UtxoState.Unspent : UtxoState.Spent, ToOutput(stored), stored.SpentBy);
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<LedgerUtxo>> GetUtxosAsync(Address address, int limit = 1000, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        var rows = _context.Addresses.Unspent(address.PublicKey, limit);
        var list = new LedgerUtxo[rows.Count];
        for (var i = 0; i < list.Length; i++)
        {
            list[i] = new LedgerUtxo(rows[i].OutPoint, new TxOutput(address, rows[i].Amount));
        }

        return Task.FromResult<IReadOnlyList<LedgerUtxo>>(list);
    }

    /// <inheritdoc/>
    public Task<Amount> GetBalanceAsync(Address address, CancellationToken cancellationToken = default) =>
        Task.FromResult(_context.Addresses.Balance(address.PublicKey));

    /// <inheritdoc/>
    public async Task<LedgerBlock?> GetBlockAsync(ulong height, CancellationToken cancellationToken = default)
    {
        if (height > long.MaxValue)
        {
            return null;
        }

        var stored = await _context.Store.GetBlockAsync((long)height, cancellationToken).ConfigureAwait(false);
        return stored is null ? null : await ToLedgerBlockAsync(stored, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async Task<LedgerBlock> GetLatestBlockAsync(CancellationToken cancellationToken = default)
    {
        var stored = await _context.Store.GetLatestBlockAsync(cancellationToken).ConfigureAwait(false)
            ?? throw new LedgerException(LedgerErrorCodes.StoreFailure, "the store has no blocks");
        return await ToLedgerBlockAsync(stored, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async Task<Block?> GetFullBlockAsync(ulong height, CancellationToken cancellationToken = default)
    {
        if (height > long.MaxValue)
        {
            return null;
        }

        var stored = await _context.Store.GetBlockAsync((long)height, cancellationToken).ConfigureAwait(false);
        if (stored is null)
        {
            return null;
        }

        var rows = stored.TxCount == 0
            ? []
            : await _context.Store.GetTransactionsFromSeqAsync(stored.FirstSeq, stored.TxCount, cancellationToken).ConfigureAwait(false);
        var transactions = new Transaction[rows.Count];
        for (var i = 0; i < transactions.Length; i++)
        {
            transactions[i] = TransactionCodec.Decode(rows[i].Bytes);
        }

        return new Block(BlockHeaderCodec.Decode(stored.HeaderBytes), transactions);
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<LedgerBlock>> GetUnpostedBlocksAsync(int limit = 100, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        var rows = await _context.Store.GetBlocksAsync(0, StoredBlockStatus.Sealed, limit, cancellationToken).ConfigureAwait(false);
        var blocks = new List<LedgerBlock>(rows.Count);
        foreach (var row in rows)
        {
            blocks.Add(await ToLedgerBlockAsync(row, cancellationToken).ConfigureAwait(false));
        }

        return blocks;
    }

    /// <inheritdoc/>
    public async Task<BlockHeader?> GetHeaderAsync(ulong height, CancellationToken cancellationToken = default)
    {
        if (height > long.MaxValue)
        {
            return null;
        }

        var stored = await _context.Store.GetBlockAsync((long)height, cancellationToken).ConfigureAwait(false);
        return stored is null ? null : BlockHeaderCodec.Decode(stored.HeaderBytes);
    }

    /// <inheritdoc/>
    public async Task<LedgerTransaction?> GetTransactionAsync(Hash32 txId, CancellationToken cancellationToken = default)
    {
        var stored = await _context.Store.GetTransactionAsync(txId, cancellationToken).ConfigureAwait(false);
        if (stored is null)
        {
            return null;
        }

        var block = await _context.Store.GetBlockContainingSeqAsync(stored.Seq, cancellationToken).ConfigureAwait(false);
        var receipt = stored.ReceiptSignature.Length == ProvisionalReceipt.SignatureLength
            ? new ProvisionalReceipt(stored.TxId, (ulong)stored.Seq, (ulong)stored.AcceptedAtMs, stored.ReceiptSignature)
            : null;
        var status = block is null ? TransactionStatus.Pending
            : block.Status == StoredBlockStatus.Posted ? TransactionStatus.Posted
            : TransactionStatus.Sealed;
        return new LedgerTransaction(
            TransactionCodec.Decode(stored.Bytes),
            stored.Bytes,
            receipt,
            status,
            block is null ? null : BlockHeaderCodec.Decode(block.HeaderBytes),
            block is null ? null : (int)(stored.Seq - block.FirstSeq),
            block?.DaReference);
    }

    /// <inheritdoc/>
    public async Task<TransactionProof?> GetTransactionProofAsync(Hash32 txId, CancellationToken cancellationToken = default)
    {
        var stored = await _context.Store.GetTransactionAsync(txId, cancellationToken).ConfigureAwait(false);
        if (stored is null)
        {
            return null;
        }

        var block = await _context.Store.GetBlockContainingSeqAsync(stored.Seq, cancellationToken).ConfigureAwait(false);
        if (block is null)
        {
            return null;
        }

        var txIds = await _context.Store.GetTxIdsAsync(block.FirstSeq, block.TxCount, cancellationToken).ConfigureAwait(false);
        var leaves = txIds as Hash32[] ?? [.. txIds];
        var proof = MerkleTree.CreateProof(leaves, (int)(stored.Seq - block.FirstSeq));
        return new TransactionProof(txId, BlockHeaderCodec.Decode(block.HeaderBytes), proof, block.DaReference);
    }

    /// <summary>How long a proof waits for a block being sealed to be stored before giving up.</summary>
    private static readonly TimeSpan HeaderSettleTimeout = TimeSpan.FromSeconds(30);

    /// <inheritdoc/>
    public async Task<UtxoProof> GetUtxoProofAsync(OutPoint outPoint, CancellationToken cancellationToken = default)
    {
        var key = outPoint.StateKey();
        while (true)
        {
            // The writer moves the tree at seal time, a moment before the block is committed: when the tree is ahead
            // of the latest stored header, wait for the committer to store the next header and prove again.
            var headerChanged = _context.HeaderChanged;
            var header = _context.LatestHeader;
            var (proof, root) = _tree.Prove(key);
            if (root == header.StateRoot)
            {
                TxOutput? output = null;
                if (proof.LeafKey == key)
                {
                    var stored = await _context.Store.GetUtxoAsync(outPoint, cancellationToken).ConfigureAwait(false)
                        ?? throw new LedgerException(LedgerErrorCodes.StoreFailure, $"{outPoint} is in the state tree but not in the store");
                    output = ToOutput(stored);
                }

                return new UtxoProof(outPoint, output, header, proof);
            }

            if (IsFaulted)
            {
                throw new LedgerException(LedgerErrorCodes.LedgerUnavailable, "the ledger stopped before the state tree settled on the latest block");
            }

            try
            {
                await headerChanged.WaitAsync(HeaderSettleTimeout, _context.Time, cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                throw new LedgerException(LedgerErrorCodes.LedgerUnavailable, "the state tree did not settle on the latest block");
            }
        }
    }

    /// <inheritdoc/>
    public async Task<WithdrawalInfo?> GetWithdrawalAsync(Hash32 withdrawalTxId, CancellationToken cancellationToken = default)
    {
        var stored = await _context.Store.GetWithdrawalAsync(withdrawalTxId, cancellationToken).ConfigureAwait(false);
        return stored is null ? null : ToInfo(stored);
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<WithdrawalInfo>> GetPendingWithdrawalsAsync(int limit = 100, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        var rows = await _context.Store.GetPendingWithdrawalsAsync(limit, cancellationToken).ConfigureAwait(false);
        return [.. rows.Select(ToInfo)];
    }

    private async Task<LedgerBlock> ToLedgerBlockAsync(StoredBlock stored, CancellationToken cancellationToken)
    {
        var txIds = stored.TxCount == 0
            ? []
            : await _context.Store.GetTxIdsAsync(stored.FirstSeq, stored.TxCount, cancellationToken).ConfigureAwait(false);
        var status = stored.Status == StoredBlockStatus.Posted ? BlockStatus.Posted : BlockStatus.Sealed;
        return new LedgerBlock(BlockHeaderCodec.Decode(stored.HeaderBytes), txIds, status, stored.DaReference);
    }

    private static TxOutput ToOutput(StoredUtxo stored) => new(new Address(stored.Owner), stored.Amount);

    private static WithdrawalInfo ToInfo(StoredWithdrawal w) => new(w.TxId, w.L1Address, w.Amount, w.Confirmed, w.ConfirmTxId, w.L1Ref);
}
