using Fontana.Core;
using Fontana.Core.Crypto;
using Fontana.Ledger.Storage;

namespace Fontana.Ledger.Tests.Infrastructure;

/// <summary>A real store whose commits can be made to fail (an I/O fault), to test fail-stop.</summary>
internal sealed class FailingStore(ILedgerStore inner) : ILedgerStore
{
    public volatile bool FailCommits;

    public volatile bool FailReads;

    public int Commits;

    public string Kind => inner.Kind;

    public Task CommitAsync(StoreBatch batch, CancellationToken cancellationToken)
    {
        if (FailCommits)
        {
            throw new IOException("injected commit failure (disk full)");
        }

        Interlocked.Increment(ref Commits);
        return inner.CommitAsync(batch, cancellationToken);
    }

    public Task MigrateAsync(CancellationToken cancellationToken) => inner.MigrateAsync(cancellationToken);

    public Task WriteStateCheckpointAsync(IReadOnlyList<SmtNodeRow> rows, long height, Hash32 root, CancellationToken cancellationToken) =>
        inner.WriteStateCheckpointAsync(rows, height, root, cancellationToken);

    public Task<(long Height, Hash32 Root)?> GetStateCheckpointAsync(CancellationToken cancellationToken) => inner.GetStateCheckpointAsync(cancellationToken);

    public Task<ChainRecord?> GetChainAsync(CancellationToken cancellationToken) => inner.GetChainAsync(cancellationToken);

    public Task CreateChainAsync(ChainRecord chain, StoreBatch genesis, CancellationToken cancellationToken) => inner.CreateChainAsync(chain, genesis, cancellationToken);

    public Task LoadUnspentAsync(Action<OutPoint, PublicKey, Amount, long> sink, CancellationToken cancellationToken) => inner.LoadUnspentAsync(sink, cancellationToken);

    public Task LoadSmtNodesAsync(Action<byte[], byte[]> sink, CancellationToken cancellationToken) => inner.LoadSmtNodesAsync(sink, cancellationToken);

    public Task<long> GetLastSeqAsync(CancellationToken cancellationToken) => inner.GetLastSeqAsync(cancellationToken);

    public Task<IReadOnlyList<StoredTransaction>> GetTransactionsFromSeqAsync(long fromSeq, int limit, CancellationToken cancellationToken) =>
        inner.GetTransactionsFromSeqAsync(fromSeq, limit, cancellationToken);

    public Task<IReadOnlyList<Hash32>> GetTxIdsAsync(long firstSeq, int count, CancellationToken cancellationToken) => inner.GetTxIdsAsync(firstSeq, count, cancellationToken);

    public Task<StoredTransaction?> GetTransactionAsync(Hash32 txId, CancellationToken cancellationToken) =>
        FailReads ? throw new IOException("injected read failure") : inner.GetTransactionAsync(txId, cancellationToken);

    public Task<StoredUtxo?> GetUtxoAsync(OutPoint outPoint, CancellationToken cancellationToken) => inner.GetUtxoAsync(outPoint, cancellationToken);

    public Task<StoredBlock?> GetBlockAsync(long height, CancellationToken cancellationToken) => inner.GetBlockAsync(height, cancellationToken);

    public Task<StoredBlock?> GetLatestBlockAsync(CancellationToken cancellationToken) => inner.GetLatestBlockAsync(cancellationToken);

    public Task<StoredBlock?> GetBlockContainingSeqAsync(long seq, CancellationToken cancellationToken) => inner.GetBlockContainingSeqAsync(seq, cancellationToken);

    public Task<IReadOnlyList<StoredBlock>> GetBlocksAsync(long fromHeight, StoredBlockStatus? status, int limit, CancellationToken cancellationToken) =>
        inner.GetBlocksAsync(fromHeight, status, limit, cancellationToken);

    public Task<StoredDeposit?> GetDepositAsync(string l1Ref, CancellationToken cancellationToken) => inner.GetDepositAsync(l1Ref, cancellationToken);

    public Task<StoredWithdrawal?> GetWithdrawalAsync(Hash32 txId, CancellationToken cancellationToken) => inner.GetWithdrawalAsync(txId, cancellationToken);

    public Task<IReadOnlyList<StoredWithdrawal>> GetPendingWithdrawalsAsync(int limit, CancellationToken cancellationToken) =>
        inner.GetPendingWithdrawalsAsync(limit, cancellationToken);

    public Task LoadSessionTransactionsAsync(Action<long, byte[]> sink, CancellationToken cancellationToken) =>
        inner.LoadSessionTransactionsAsync(sink, cancellationToken);

    public Task LoadBridgeStateAsync(Action<string> deposit, Action<Hash32, bool> withdrawal, CancellationToken cancellationToken) =>
        inner.LoadBridgeStateAsync(deposit, withdrawal, cancellationToken);

    public ValueTask DisposeAsync() => inner.DisposeAsync();
}
