using Fontana.Core;
using Fontana.Core.Crypto;
using Microsoft.Data.Sqlite;

namespace Fontana.Ledger.Storage.Sqlite;

/// <summary>
/// Writes batches through prepared raw statements on the writer connection. Rows of each table are written in key
/// order, so the B-tree pages a batch touches are visited once, in order.
/// </summary>
internal sealed class SqliteBatchWriter : IDisposable
{
    private readonly RawStatement _insertTx;
    private readonly RawStatement _insertUtxo;
    private readonly RawStatement _spendUtxo;
    private readonly RawStatement _insertDeposit;
    private readonly RawStatement _insertWithdrawal;
    private readonly RawStatement _confirmWithdrawal;
    private readonly RawStatement _insertBlock;
    private readonly RawStatement _markPosted;

    public SqliteBatchWriter(SqliteConnection connection)
    {
        _insertTx = new(connection, "INSERT INTO transactions (seq, txid, kind, bytes, accepted_at, receipt_signature) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
        _insertUtxo = new(connection, "INSERT INTO utxos (created_seq, idx, address, amount, spent_seq) VALUES (?1, ?2, ?3, ?4, ?5)");
        _spendUtxo = new(connection, "UPDATE utxos SET spent_seq = ?1 WHERE created_seq = ?2 AND idx = ?3 AND spent_seq IS NULL");
        _insertDeposit = new(connection, "INSERT INTO deposits (l1_ref, txid) VALUES (?1, ?2)");
        _insertWithdrawal = new(connection, "INSERT INTO withdrawals (txid, seq, l1_address, amount, status) VALUES (?1, ?2, ?3, ?4, 'pending')");
        _confirmWithdrawal = new(connection, "UPDATE withdrawals SET status = 'confirmed', confirm_txid = ?1, l1_ref = ?2 WHERE txid = ?3 AND status = 'pending'");
        _insertBlock = new(connection, "INSERT INTO blocks (height, hash, header, first_seq, tx_count, status, da_reference) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
        _markPosted = new(connection, "UPDATE blocks SET status = 'posted', da_reference = ?1 WHERE height = ?2");
    }

    /// <summary>Writes <paramref name="batch"/> in the open transaction; throws on any broken invariant.</summary>
    public void Write(StoreBatch batch)
    {
        Span<byte> hash = stackalloc byte[Hash32.Length];
        Span<byte> key = stackalloc byte[PublicKey.Length];

        batch.Transactions.Sort(static (a, b) => a.TxId.CompareTo(b.TxId));
        foreach (var tx in batch.Transactions)
        {
            tx.TxId.CopyTo(hash);
            _insertTx.Bind(1, tx.Seq).Bind(2, hash).Bind(3, tx.Kind).Bind(4, tx.Bytes).Bind(5, tx.AcceptedAtMs).Bind(6, tx.ReceiptSignature).Execute();
        }

        // Spends only touch outputs committed by earlier batches: an output created and spent within this batch
        // is inserted below already marked spent.
        // Outputs are keyed by (creation sequence, index): new outputs go to the end of the table, and the outputs a
        // batch spends were mostly created by the batches just before it.
        batch.Spends.Sort(static (a, b) => a.CreatedSeq != b.CreatedSeq ? a.CreatedSeq.CompareTo(b.CreatedSeq) : a.OutPoint.Index.CompareTo(b.OutPoint.Index));
        foreach (var spend in batch.Spends)
        {
            if (_spendUtxo.Bind(1, spend.SpentSeq).Bind(2, spend.CreatedSeq).Bind(3, spend.OutPoint.Index).Execute() != 1)
            {
                throw new InvalidOperationException($"store invariant broken: output {spend.OutPoint} is missing or already spent");
            }
        }

        batch.NewUtxos.Sort(static (a, b) => a.CreatedSeq != b.CreatedSeq ? a.CreatedSeq.CompareTo(b.CreatedSeq) : a.OutPoint.Index.CompareTo(b.OutPoint.Index));
        foreach (var utxo in batch.NewUtxos)
        {
            utxo.Owner.CopyTo(key);
            _insertUtxo.Bind(1, utxo.CreatedSeq).Bind(2, utxo.OutPoint.Index).Bind(3, key).Bind(4, StoreConvert.ToDb(utxo.Amount));
            if (utxo.SpentBy is not null)
            {
                _insertUtxo.Bind(5, utxo.SpentSeq);
            }
            else
            {
                _insertUtxo.BindNull(5);
            }

            _insertUtxo.Execute();
        }

        WriteBridge(batch, hash);
        WriteBlocks(batch, hash);
    }

    public void Dispose()
    {
        foreach (var statement in new[] { _insertTx, _insertUtxo, _spendUtxo, _insertDeposit, _insertWithdrawal, _confirmWithdrawal, _insertBlock, _markPosted })
        {
            statement.Dispose();
        }
    }

    private void WriteBridge(StoreBatch batch, Span<byte> hash)
    {
        foreach (var deposit in batch.Deposits)
        {
            deposit.TxId.CopyTo(hash);
            _insertDeposit.Bind(1, deposit.L1Ref).Bind(2, hash).Execute();
        }

        foreach (var withdrawal in batch.Withdrawals)
        {
            withdrawal.TxId.CopyTo(hash);
            _insertWithdrawal.Bind(1, hash).Bind(2, withdrawal.Seq).Bind(3, withdrawal.L1Address).Bind(4, StoreConvert.ToDb(withdrawal.Amount)).Execute();
        }

        Span<byte> other = stackalloc byte[Hash32.Length];
        foreach (var confirmation in batch.Confirmations)
        {
            confirmation.ConfirmTxId.CopyTo(hash);
            confirmation.WithdrawalTxId.CopyTo(other);
            if (_confirmWithdrawal.Bind(1, hash).Bind(2, confirmation.L1Ref).Bind(3, other).Execute() != 1)
            {
                throw new InvalidOperationException($"store invariant broken: withdrawal {confirmation.WithdrawalTxId} is missing or already confirmed");
            }
        }
    }

    private void WriteBlocks(StoreBatch batch, Span<byte> hash)
    {
        foreach (var block in batch.Blocks)
        {
            block.Hash.CopyTo(hash);
            _insertBlock.Bind(1, block.Height).Bind(2, hash).Bind(3, block.HeaderBytes).Bind(4, block.FirstSeq).Bind(5, block.TxCount)
                .Bind(6, StoreConvert.ToDb(block.Status));
            if (block.DaReference is { } reference)
            {
                _insertBlock.Bind(7, reference);
            }
            else
            {
                _insertBlock.BindNull(7);
            }

            _insertBlock.Execute();
        }

        foreach (var mark in batch.Posted)
        {
            if (_markPosted.Bind(1, mark.DaReference).Bind(2, mark.Height).Execute() != 1)
            {
                throw new InvalidOperationException($"store invariant broken: block {mark.Height} is missing");
            }
        }
    }
}
