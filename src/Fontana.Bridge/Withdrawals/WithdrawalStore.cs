using Microsoft.Data.Sqlite;

namespace Fontana.Bridge.Withdrawals;

/// <summary>The withdrawal processor's durable state in one SQLite file (WAL, synchronous=FULL): one row per
/// withdrawal with its status, the intent's L1 height and the payout's L1 hash. Every transition is one committed
/// statement, so after a crash the row says exactly which step was last done. Each row keeps when it was first
/// recorded and when its status last changed (unix milliseconds of the injected <see cref="TimeProvider"/>).</summary>
public sealed class WithdrawalStore : IDisposable
{
    private const string Columns = "txid, l1_address, utia, status, intent_height, l1_tx_hash, reason, created_ms, updated_ms";
    private readonly SqliteConnection _db;
    private readonly Lock _gate = new();
    private readonly TimeProvider _time;

    /// <summary>Opens (or creates) the store at <paramref name="path"/>, stamping times with the system clock.</summary>
    public WithdrawalStore(string path)
        : this(path, TimeProvider.System)
    {
    }

    /// <summary>Opens (or creates) the store at <paramref name="path"/>; <paramref name="time"/> stamps when a row was recorded and last changed.</summary>
    public WithdrawalStore(string path, TimeProvider time)
    {
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _db = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        _db.Open();
        Execute("""
            PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;
            CREATE TABLE IF NOT EXISTS withdrawals (
              seq INTEGER PRIMARY KEY AUTOINCREMENT, txid TEXT NOT NULL UNIQUE, l1_address TEXT NOT NULL, utia INTEGER NOT NULL,
              status INTEGER NOT NULL, intent_height INTEGER, l1_tx_hash TEXT, reason TEXT,
              created_ms INTEGER NOT NULL DEFAULT 0, updated_ms INTEGER NOT NULL DEFAULT 0);
            """);
    }

    /// <summary>Raised after a withdrawal's record changed (first recorded pending, paying, paid, confirmed, failed, or back
    /// to pending) and was committed, with the record as stored; the node publishes it on <c>/v1/stream</c>.</summary>
    public event EventHandler<WithdrawalRecord>? Changed;

    /// <summary>The withdrawal with ledger txid <paramref name="txId"/> (hex), or null when it was never recorded.</summary>
    public WithdrawalRecord? Get(string txId) => Query("WHERE txid = $t", ("$t", txId)).FirstOrDefault();

    /// <summary>The most recently recorded withdrawals, newest first (the explorer's queue).</summary>
    public IReadOnlyList<WithdrawalRecord> Recent(int limit) => Query("ORDER BY seq DESC LIMIT $n", ("$n", (long)limit));

    /// <summary>Records a withdrawal as pending unless it is known; returns its record.</summary>
    public WithdrawalRecord Add(string txId, string l1Address, ulong utia)
    {
        var inserted = Execute("INSERT OR IGNORE INTO withdrawals (txid, l1_address, utia, status, created_ms, updated_ms) VALUES ($t, $a, $u, 0, $now, $now)",
            ("$t", txId), ("$a", l1Address), ("$u", (long)utia), ("$now", Now()));
        var record = Get(txId)!;
        if (inserted == 1)
        {
            Changed?.Invoke(this, record);
        }

        return record;
    }

    /// <summary>L1 hashes already attributed to a withdrawal (a payout is never counted for two).</summary>
    public IReadOnlySet<string> AttributedPayouts()
    {
        lock (_gate)
        {
            using var cmd = Command("SELECT l1_tx_hash FROM withdrawals WHERE l1_tx_hash IS NOT NULL");
            using var r = cmd.ExecuteReader();
            var set = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            while (r.Read())
            {
                set.Add(r.GetString(0));
            }

            return set;
        }
    }

    /// <summary>How many withdrawals are in each status (every status present, 0 when none): the processor's gauges.</summary>
    public IReadOnlyDictionary<WithdrawalStatus, long> Counts()
    {
        lock (_gate)
        {
            using var cmd = Command("SELECT status, count(*) FROM withdrawals GROUP BY status");
            using var r = cmd.ExecuteReader();
            var counts = Enum.GetValues<WithdrawalStatus>().ToDictionary(s => s, _ => 0L);
            while (r.Read())
            {
                counts[(WithdrawalStatus)r.GetInt32(0)] = r.GetInt64(1);
            }

            return counts;
        }
    }

    /// <summary>Records the intent to pay at L1 height <paramref name="intentHeight"/> (status paying) before the payout is sent, so a crash after it is looked up on L1, not paid twice.</summary>
    public void Paying(string txId, long intentHeight) =>
        Transition(txId, "status = 1, intent_height = $h", ("$h", intentHeight));

    /// <summary>Returns a paying withdrawal to pending (the L1 shows no payout for its intent), clearing the intent height.</summary>
    public void BackToPending(string txId) => Transition(txId, "status = 0, intent_height = NULL");

    /// <summary>Records the L1 payout hash <paramref name="l1TxHash"/> (status paid).</summary>
    public void Paid(string txId, string l1TxHash) => Transition(txId, "status = 2, l1_tx_hash = $h", ("$h", l1TxHash));

    /// <summary>Marks the withdrawal confirmed on the ledger (its withdrawal confirmation was accepted).</summary>
    public void Confirmed(string txId) => Transition(txId, "status = 3");

    /// <summary>Marks the withdrawal failed with <paramref name="reason"/>; the processor does not retry it.</summary>
    public void Failed(string txId, string reason) => Transition(txId, "status = 4, reason = $r", ("$r", reason));

    /// <summary>One committed status change (<paramref name="set"/> plus the update time), then <see cref="Changed"/>.</summary>
    private void Transition(string txId, string set, params (string, object)[] args)
    {
        Execute($"UPDATE withdrawals SET {set}, updated_ms = $now WHERE txid = $t", [("$t", txId), ("$now", Now()), .. args]);
        if (Changed is { } changed && Get(txId) is { } record)
        {
            changed(this, record);
        }
    }

    private long Now() => _time.GetUtcNow().ToUnixTimeMilliseconds();

    /// <summary>Closes the SQLite file.</summary>
    public void Dispose() => _db.Dispose();

    private List<WithdrawalRecord> Query(string where, params (string, object)[] args)
    {
        lock (_gate)
        {
            using var cmd = Command($"SELECT {Columns} FROM withdrawals " + where, args);
            using var r = cmd.ExecuteReader();
            var list = new List<WithdrawalRecord>();
            while (r.Read())
            {
                list.Add(new WithdrawalRecord(r.GetString(0), r.GetString(1), (ulong)r.GetInt64(2), (WithdrawalStatus)r.GetInt32(3),
                    r.IsDBNull(4) ? null : r.GetInt64(4), r.IsDBNull(5) ? null : r.GetString(5), r.IsDBNull(6) ? null : r.GetString(6),
                    DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(7)), DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(8))));
            }

            return list;
        }
    }

    private int Execute(string sql, params (string, object)[] args)
    {
        lock (_gate)
        {
            using var cmd = Command(sql, args);
            return cmd.ExecuteNonQuery();
        }
    }

    private SqliteCommand Command(string sql, params (string Name, object Value)[] args)
    {
        var cmd = _db.CreateCommand();
        cmd.CommandText = sql;
        foreach (var (name, value) in args)
        {
            cmd.Parameters.AddWithValue(name, value);
        }

        return cmd;
    }
}
