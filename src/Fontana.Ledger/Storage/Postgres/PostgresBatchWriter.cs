using Npgsql;
using NpgsqlTypes;

namespace Fontana.Ledger.Storage.Postgres;

/// <summary>Turns a <see cref="StoreBatch"/> into one <see cref="NpgsqlBatch"/> of array-parameter statements (one round trip).</summary>
internal static class PostgresBatchWriter
{
    public static async Task WriteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, StoreBatch batch, CancellationToken cancellationToken)
    {
        await using var npgsqlBatch = new NpgsqlBatch(connection, transaction);
        var checks = new List<(NpgsqlBatchCommand Command, int Expected, string What)>();
        AddTransactions(npgsqlBatch, batch.Transactions);
        AddSpends(npgsqlBatch, batch.Spends, checks);
        AddUtxos(npgsqlBatch, batch.NewUtxos);
        AddBridge(npgsqlBatch, batch, checks);
        AddBlocks(npgsqlBatch, batch, checks);
        if (npgsqlBatch.BatchCommands.Count == 0)
        {
            return;
        }

        await npgsqlBatch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        foreach (var (command, expected, what) in checks)
        {
            if (command.RecordsAffected != expected)
            {
                throw new InvalidOperationException($"store invariant broken: {what} ({command.RecordsAffected} of {expected} rows)");
            }
        }
    }

    private static void AddTransactions(NpgsqlBatch npgsqlBatch, List<StoredTransaction> rows)
    {
        if (rows.Count == 0)
        {
            return;
        }

        var n = rows.Count;
        var (seq, txid, kind, bytes, at, sig) = (new long[n], new byte[n][], new short[n], new byte[n][], new long[n], new byte[n][]);
        for (var i = 0; i < n; i++)
        {
            var row = rows[i];
            (seq[i], txid[i], kind[i], bytes[i], at[i], sig[i]) = (row.Seq, row.TxId.ToArray(), row.Kind, row.Bytes, row.AcceptedAtMs, row.ReceiptSignature);
        }

        Add(
            npgsqlBatch,
            "INSERT INTO transactions (seq, txid, kind, bytes, accepted_at, receipt_signature) SELECT * FROM unnest($1, $2, $3, $4, $5, $6)",
            (seq, NpgsqlDbType.Bigint),
            (txid, NpgsqlDbType.Bytea),
            (kind, NpgsqlDbType.Smallint),
            (bytes, NpgsqlDbType.Bytea),
            (at, NpgsqlDbType.Bigint),
            (sig, NpgsqlDbType.Bytea));
    }

    private static void AddSpends(NpgsqlBatch npgsqlBatch, List<UtxoSpend> rows, List<(NpgsqlBatchCommand, int, string)> checks)
    {
        if (rows.Count == 0)
        {
            return;
        }

        var n = rows.Count;
        var (created, index, seq) = (new long[n], new int[n], new long[n]);
        for (var i = 0; i < n; i++)
        {
            (created[i], index[i], seq[i]) = (rows[i].CreatedSeq, rows[i].OutPoint.Index, rows[i].SpentSeq);
        }

        var command = Add(
            npgsqlBatch,
            "UPDATE utxos u SET spent_seq = s.seq FROM unnest($1, $2, $3) AS s(created, idx, seq) "
            + "WHERE u.created_seq = s.created AND u.idx = s.idx AND u.spent_seq IS NULL",
            (created, NpgsqlDbType.Bigint),
            (index, NpgsqlDbType.Integer),
            (seq, NpgsqlDbType.Bigint));
        checks.Add((command, n, "an output to spend is missing or already spent"));
    }

    private static void AddUtxos(NpgsqlBatch npgsqlBatch, List<NewUtxo> rows)
    {
        if (rows.Count == 0)
        {
            return;
        }

        var n = rows.Count;
        var (created, index, owner, amount, spentSeq) = (new long[n], new int[n], new byte[n][], new long[n], new long?[n]);
        for (var i = 0; i < n; i++)
        {
            var row = rows[i];
            created[i] = row.CreatedSeq;
            index[i] = row.OutPoint.Index;
            owner[i] = row.Owner.ToArray();
            amount[i] = StoreConvert.ToDb(row.Amount);
            spentSeq[i] = row.SpentBy is null ? null : row.SpentSeq;
        }

        Add(
            npgsqlBatch,
            "INSERT INTO utxos (created_seq, idx, address, amount, spent_seq) SELECT * FROM unnest($1, $2, $3, $4, $5)",
            (created, NpgsqlDbType.Bigint),
            (index, NpgsqlDbType.Integer),
            (owner, NpgsqlDbType.Bytea),
            (amount, NpgsqlDbType.Bigint),
            (spentSeq, NpgsqlDbType.Bigint));
    }

    private static void AddBridge(NpgsqlBatch npgsqlBatch, StoreBatch batch, List<(NpgsqlBatchCommand, int, string)> checks)
    {
        foreach (var deposit in batch.Deposits)
        {
            Add(npgsqlBatch, "INSERT INTO deposits (l1_ref, txid) VALUES ($1, $2)", (deposit.L1Ref, NpgsqlDbType.Text), (deposit.TxId.ToArray(), NpgsqlDbType.Bytea));
        }

        foreach (var w in batch.Withdrawals)
        {
            Add(
                npgsqlBatch,
                "INSERT INTO withdrawals (txid, seq, l1_address, amount, status) VALUES ($1, $2, $3, $4, 'pending')",
                (w.TxId.ToArray(), NpgsqlDbType.Bytea),
                (w.Seq, NpgsqlDbType.Bigint),
                (w.L1Address, NpgsqlDbType.Text),
                (StoreConvert.ToDb(w.Amount), NpgsqlDbType.Bigint));
        }

        foreach (var c in batch.Confirmations)
        {
            var command = Add(
                npgsqlBatch,
                "UPDATE withdrawals SET status = 'confirmed', confirm_txid = $1, l1_ref = $2 WHERE txid = $3 AND status = 'pending'",
                (c.ConfirmTxId.ToArray(), NpgsqlDbType.Bytea),
                (c.L1Ref, NpgsqlDbType.Text),
                (c.WithdrawalTxId.ToArray(), NpgsqlDbType.Bytea));
            checks.Add((command, 1, $"withdrawal {c.WithdrawalTxId} is missing or already confirmed"));
        }
    }

    private static void AddBlocks(NpgsqlBatch npgsqlBatch, StoreBatch batch, List<(NpgsqlBatchCommand, int, string)> checks)
    {
        foreach (var b in batch.Blocks)
        {
            Add(
                npgsqlBatch,
                "INSERT INTO blocks (height, hash, header, first_seq, tx_count, status, da_reference) VALUES ($1, $2, $3, $4, $5, $6, $7)",
                (b.Height, NpgsqlDbType.Bigint),
                (b.Hash.ToArray(), NpgsqlDbType.Bytea),
                (b.HeaderBytes, NpgsqlDbType.Bytea),
                (b.FirstSeq, NpgsqlDbType.Bigint),
                (b.TxCount, NpgsqlDbType.Integer),
                (StoreConvert.ToDb(b.Status), NpgsqlDbType.Text),
                ((object?)b.DaReference ?? DBNull.Value, NpgsqlDbType.Text));
        }

        foreach (var mark in batch.Posted)
        {
            var command = Add(
                npgsqlBatch,
                "UPDATE blocks SET status = 'posted', da_reference = $1 WHERE height = $2",
                (mark.DaReference, NpgsqlDbType.Text),
                (mark.Height, NpgsqlDbType.Bigint));
            checks.Add((command, 1, $"block {mark.Height} is missing"));
        }
    }

    /// <summary>Adds a statement; an <see cref="Array"/> value without an explicit array type becomes an array of that element type.</summary>
    private static NpgsqlBatchCommand Add(NpgsqlBatch batch, string sql, params (object Value, NpgsqlDbType Type)[] parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var (value, type) in parameters)
        {
            var isArray = value is Array and not byte[];
            var dbType = isArray && (type & NpgsqlDbType.Array) == 0 ? NpgsqlDbType.Array | type : type;
            command.Parameters.Add(new NpgsqlParameter { Value = value, NpgsqlDbType = dbType });
        }

        batch.BatchCommands.Add(command);
        return command;
    }
}
