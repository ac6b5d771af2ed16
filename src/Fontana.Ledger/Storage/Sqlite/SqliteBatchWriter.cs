using Microsoft.Data.Sqlite;

namespace Fontana.Ledger.Storage.Sqlite;

/// <summary>Prepared statements of the writer connection, reused for every batch.</summary>
internal sealed class SqliteBatchWriter : IDisposable
{
    private readonly SqliteCommand _insertTx;
    private readonly SqliteCommand _insertUtxo;
    private readonly SqliteCommand _spendUtxo;
    private readonly SqliteCommand _insertDeposit;
    private readonly SqliteCommand _insertWithdrawal;
    private readonly SqliteCommand _confirmWithdrawal;
    private readonly SqliteCommand _insertBlock;
    private readonly SqliteCommand _putNode;
    private readonly SqliteCommand _deleteNode;
    private readonly SqliteCommand _markPosted;
    private readonly SqliteCommand[] _all;

    public SqliteBatchWriter(SqliteConnection connection)
    {
        _insertTx = Command(connection, "INSERT INTO transactions (seq, txid, kind, bytes, accepted_at, receipt_signature) VALUES ($1, $2, $3, $4, $5, $6)", 6);
        _insertUtxo = Command(connection, "INSERT INTO utxos (outpoint, address, amount, created_seq, spent_by, spent_seq) VALUES ($1, $2, $3, $4, $5, $6)", 6);
        _spendUtxo = Command(connection, "UPDATE utxos SET spent_by = $1, spent_seq = $2 WHERE outpoint = $3 AND spent_by IS NULL", 3);
        _insertDeposit = Command(connection, "INSERT INTO deposits (l1_ref, txid) VALUES ($1, $2)", 2);
        _insertWithdrawal = Command(connection, "INSERT INTO withdrawals (txid, seq, l1_address, amount, status) VALUES ($1, $2, $3, $4, 'pending')", 4);
        _confirmWithdrawal = Command(connection, "UPDATE withdrawals SET status = 'confirmed', confirm_txid = $1, l1_ref = $2 WHERE txid = $3 AND status = 'pending'", 3);
        _insertBlock = Command(connection, "INSERT INTO blocks (height, hash, header, first_seq, tx_count, status, da_reference) VALUES ($1, $2, $3, $4, $5, $6, $7)", 7);
        _putNode = Command(connection, "INSERT OR REPLACE INTO smt_nodes (key, value) VALUES ($1, $2)", 2);
        _deleteNode = Command(connection, "DELETE FROM smt_nodes WHERE key = $1", 1);
        _markPosted = Command(connection, "UPDATE blocks SET status = 'posted', da_reference = $1 WHERE height = $2", 2);
        _all = [_insertTx, _insertUtxo, _spendUtxo, _insertDeposit, _insertWithdrawal, _confirmWithdrawal, _insertBlock, _putNode, _deleteNode, _markPosted];
    }

    /// <summary>Writes <paramref name="batch"/> inside <paramref name="transaction"/>; throws on any broken invariant.</summary>
    public void Write(StoreBatch batch, SqliteTransaction transaction)
    {
        foreach (var command in _all)
        {
            command.Transaction = transaction;
        }

        var p = _insertTx.Parameters;
        foreach (var tx in batch.Transactions)
        {
            p[0].Value = tx.Seq;
            p[1].Value = tx.TxId.ToArray();
            p[2].Value = (int)tx.Kind;
            p[3].Value = tx.Bytes;
            p[4].Value = tx.AcceptedAtMs;
            p[5].Value = tx.ReceiptSignature;
            _insertTx.ExecuteNonQuery();
        }

        // Spends only touch outputs committed by earlier batches: an output created and spent within this batch
        // is inserted below already marked spent.
        p = _spendUtxo.Parameters;
        foreach (var spend in batch.Spends)
        {
            p[0].Value = spend.SpentBy.ToArray();
            p[1].Value = spend.SpentSeq;
            p[2].Value = StoreConvert.ToBytes(spend.OutPoint);
            if (_spendUtxo.ExecuteNonQuery() != 1)
            {
                throw new InvalidOperationException($"store invariant broken: output {spend.OutPoint} is missing or already spent");
            }
        }

        p = _insertUtxo.Parameters;
        foreach (var utxo in batch.NewUtxos)
        {
            p[0].Value = StoreConvert.ToBytes(utxo.OutPoint);
            p[1].Value = utxo.Owner.ToArray();
            p[2].Value = StoreConvert.ToDb(utxo.Amount);
            p[3].Value = utxo.CreatedSeq;
            p[4].Value = utxo.SpentBy is { } by ? by.ToArray() : DBNull.Value;
            p[5].Value = utxo.SpentBy is null ? DBNull.Value : utxo.SpentSeq;
            _insertUtxo.ExecuteNonQuery();
        }

        WriteBridge(batch);
        WriteBlocks(batch);
    }

    private void WriteBridge(StoreBatch batch)
    {
        var p = _insertDeposit.Parameters;
        foreach (var deposit in batch.Deposits)
        {
            p[0].Value = deposit.L1Ref;
            p[1].Value = deposit.TxId.ToArray();
            _insertDeposit.ExecuteNonQuery();
        }

        p = _insertWithdrawal.Parameters;
        foreach (var withdrawal in batch.Withdrawals)
        {
            p[0].Value = withdrawal.TxId.ToArray();
            p[1].Value = withdrawal.Seq;
            p[2].Value = withdrawal.L1Address;
            p[3].Value = StoreConvert.ToDb(withdrawal.Amount);
            _insertWithdrawal.ExecuteNonQuery();
        }

        p = _confirmWithdrawal.Parameters;
        foreach (var confirmation in batch.Confirmations)
        {
            p[0].Value = confirmation.ConfirmTxId.ToArray();
            p[1].Value = confirmation.L1Ref;
            p[2].Value = confirmation.WithdrawalTxId.ToArray();
            if (_confirmWithdrawal.ExecuteNonQuery() != 1)
            {
                throw new InvalidOperationException($"store invariant broken: withdrawal {confirmation.WithdrawalTxId} is missing or already confirmed");
            }
        }
    }

    private void WriteBlocks(StoreBatch batch)
    {
        var p = _insertBlock.Parameters;
        foreach (var block in batch.Blocks)
        {
            p[0].Value = block.Height;
            p[1].Value = block.Hash.ToArray();
            p[2].Value = block.HeaderBytes;
            p[3].Value = block.FirstSeq;
            p[4].Value = block.TxCount;
            p[5].Value = StoreConvert.ToDb(block.Status);
            p[6].Value = (object?)block.DaReference ?? DBNull.Value;
            _insertBlock.ExecuteNonQuery();
        }

        foreach (var node in batch.SmtNodes)
        {
            if (node.Value is { } value)
            {
                _putNode.Parameters[0].Value = node.Key;
                _putNode.Parameters[1].Value = value;
                _putNode.ExecuteNonQuery();
            }
            else
            {
                _deleteNode.Parameters[0].Value = node.Key;
                _deleteNode.ExecuteNonQuery();
            }
        }

        p = _markPosted.Parameters;
        foreach (var mark in batch.Posted)
        {
            p[0].Value = mark.DaReference;
            p[1].Value = mark.Height;
            if (_markPosted.ExecuteNonQuery() != 1)
            {
                throw new InvalidOperationException($"store invariant broken: block {mark.Height} is missing");
            }
        }
    }

    public void Dispose()
    {
        foreach (var command in _all)
        {
            command.Dispose();
        }
    }

    private static SqliteCommand Command(SqliteConnection connection, string sql, int parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        for (var i = 1; i <= parameters; i++)
        {
            command.Parameters.Add(new SqliteParameter("$" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), null));
        }

        return command;
    }
}
