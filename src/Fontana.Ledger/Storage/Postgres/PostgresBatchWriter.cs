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
        if (batch.Transactions.Count > 0)
        {
            var t = batch.Transactions;
            Add(
                npgsqlBatch,
                "INSERT INTO transactions (seq, txid, kind, bytes, accepted_at, receipt_signature) SELECT * FROM unnest($1, $2, $3, $4, $5, $6)",
                (t.Select(x => x.Seq).ToArray(), NpgsqlDbType.Bigint),
                (t.Select(x => x.TxId.ToArray()).ToArray(), NpgsqlDbType.Bytea),
                (t.Select(x => (short)x.Kind).ToArray(), NpgsqlDbType.Smallint),
                (t.Select(x => x.Bytes).ToArray(), NpgsqlDbType.Bytea),
                (t.Select(x => x.AcceptedAtMs).ToArray(), NpgsqlDbType.Bigint),
                (t.Select(x => x.ReceiptSignature).ToArray(), NpgsqlDbType.Bytea));
        }

        if (batch.Spends.Count > 0)
        {
            var s = batch.Spends;
            var command = Add(
                npgsqlBatch,
                "UPDATE utxos u SET spent_by = s.by, spent_seq = s.seq FROM unnest($1, $2, $3) AS s(op, by, seq) WHERE u.outpoint = s.op AND u.spent_by IS NULL",
                (s.Select(x => StoreConvert.ToBytes(x.OutPoint)).ToArray(), NpgsqlDbType.Bytea),
                (s.Select(x => x.SpentBy.ToArray()).ToArray(), NpgsqlDbType.Bytea),
                (s.Select(x => x.SpentSeq).ToArray(), NpgsqlDbType.Bigint));
            checks.Add((command, s.Count, "an output to spend is missing or already spent"));
        }

        if (batch.NewUtxos.Count > 0)
        {
            var u = batch.NewUtxos;
            Add(
                npgsqlBatch,
                "INSERT INTO utxos (outpoint, address, amount, created_seq, spent_by, spent_seq) SELECT * FROM unnest($1, $2, $3, $4, $5, $6)",
                (u.Select(x => StoreConvert.ToBytes(x.OutPoint)).ToArray(), NpgsqlDbType.Bytea),
                (u.Select(x => x.Owner.ToArray()).ToArray(), NpgsqlDbType.Bytea),
                (u.Select(x => StoreConvert.ToDb(x.Amount)).ToArray(), NpgsqlDbType.Bigint),
                (u.Select(x => x.CreatedSeq).ToArray(), NpgsqlDbType.Bigint),
                (u.Select(x => x.SpentBy?.ToArray()).ToArray(), NpgsqlDbType.Bytea),
                (u.Select(x => x.SpentBy is null ? (long?)null : x.SpentSeq).ToArray(), NpgsqlDbType.Bigint));
        }

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

    private static void AddBridge(NpgsqlBatch npgsqlBatch, StoreBatch batch, List<(NpgsqlBatchCommand, int, string)> checks)
    {
        if (batch.Deposits.Count > 0)
        {
            Add(
                npgsqlBatch,
                "INSERT INTO deposits (l1_ref, txid) SELECT * FROM unnest($1, $2)",
                (batch.Deposits.Select(x => x.L1Ref).ToArray(), NpgsqlDbType.Text),
                (batch.Deposits.Select(x => x.TxId.ToArray()).ToArray(), NpgsqlDbType.Bytea));
        }

        if (batch.Withdrawals.Count > 0)
        {
            Add(
                npgsqlBatch,
                "INSERT INTO withdrawals (txid, seq, l1_address, amount, status) SELECT t, s, a, m, 'pending' FROM unnest($1, $2, $3, $4) AS w(t, s, a, m)",
                (batch.Withdrawals.Select(x => x.TxId.ToArray()).ToArray(), NpgsqlDbType.Bytea),
                (batch.Withdrawals.Select(x => x.Seq).ToArray(), NpgsqlDbType.Bigint),
                (batch.Withdrawals.Select(x => x.L1Address).ToArray(), NpgsqlDbType.Text),
                (batch.Withdrawals.Select(x => StoreConvert.ToDb(x.Amount)).ToArray(), NpgsqlDbType.Bigint));
        }

        if (batch.Confirmations.Count > 0)
        {
            var c = batch.Confirmations;
            var command = Add(
                npgsqlBatch,
                "UPDATE withdrawals w SET status = 'confirmed', confirm_txid = c.ct, l1_ref = c.r FROM unnest($1, $2, $3) AS c(t, ct, r) WHERE w.txid = c.t AND w.status = 'pending'",
                (c.Select(x => x.WithdrawalTxId.ToArray()).ToArray(), NpgsqlDbType.Bytea),
                (c.Select(x => x.ConfirmTxId.ToArray()).ToArray(), NpgsqlDbType.Bytea),
                (c.Select(x => x.L1Ref).ToArray(), NpgsqlDbType.Text));
            checks.Add((command, c.Count, "a withdrawal to confirm is missing or already confirmed"));
        }
    }

    private static void AddBlocks(NpgsqlBatch npgsqlBatch, StoreBatch batch, List<(NpgsqlBatchCommand, int, string)> checks)
    {
        if (batch.Blocks.Count > 0)
        {
            var b = batch.Blocks;
            Add(
                npgsqlBatch,
                "INSERT INTO blocks (height, hash, header, first_seq, tx_count, status, da_reference) SELECT * FROM unnest($1, $2, $3, $4, $5, $6, $7)",
                (b.Select(x => x.Height).ToArray(), NpgsqlDbType.Bigint),
                (b.Select(x => x.Hash.ToArray()).ToArray(), NpgsqlDbType.Bytea),
                (b.Select(x => x.HeaderBytes).ToArray(), NpgsqlDbType.Bytea),
                (b.Select(x => x.FirstSeq).ToArray(), NpgsqlDbType.Bigint),
                (b.Select(x => x.TxCount).ToArray(), NpgsqlDbType.Integer),
                (b.Select(x => StoreConvert.ToDb(x.Status)).ToArray(), NpgsqlDbType.Text),
                (b.Select(x => x.DaReference).ToArray(), NpgsqlDbType.Text));
        }

        var (puts, deletes) = SmtNodeChanges.Net(batch.SmtNodes);
        if (deletes.Count > 0)
        {
            Add(npgsqlBatch, "DELETE FROM smt_nodes WHERE key = ANY($1)", (deletes.ToArray(), NpgsqlDbType.Bytea));
        }

        if (puts.Count > 0)
        {
            Add(
                npgsqlBatch,
                "INSERT INTO smt_nodes (key, value) SELECT * FROM unnest($1, $2) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value",
                (puts.Select(x => x.Key).ToArray(), NpgsqlDbType.Bytea),
                (puts.Select(x => x.Value!).ToArray(), NpgsqlDbType.Bytea));
        }

        if (batch.Posted.Count > 0)
        {
            var command = Add(
                npgsqlBatch,
                "UPDATE blocks b SET status = 'posted', da_reference = p.r FROM unnest($1, $2) AS p(h, r) WHERE b.height = p.h",
                (batch.Posted.Select(x => x.Height).ToArray(), NpgsqlDbType.Bigint),
                (batch.Posted.Select(x => x.DaReference).ToArray(), NpgsqlDbType.Text));
            checks.Add((command, batch.Posted.Count, "a block to mark posted is missing"));
        }
    }

    private static NpgsqlBatchCommand Add(NpgsqlBatch batch, string sql, params (Array Values, NpgsqlDbType Type)[] parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var (values, type) in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = values, NpgsqlDbType = NpgsqlDbType.Array | type });
        }

        batch.BatchCommands.Add(command);
        return command;
    }
}
