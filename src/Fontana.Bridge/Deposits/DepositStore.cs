using System.Globalization;
using Fontana.Bridge.L1;
using Microsoft.Data.Sqlite;

namespace Fontana.Bridge.Deposits;

/// <summary>
/// The deposit watcher's durable state in one SQLite file (WAL, synchronous=FULL): the scan cursor (the highest L1
/// height below which every transfer is settled) and one row per transfer to the vault keyed by
/// <c>TXHASH:messageIndex</c>. A row is written before the mint and marked after it, so a crash in between makes
/// the next scan mint again — which the ledger answers with the same transaction (idempotent per key).
/// </summary>
public sealed class DepositStore : IDisposable
{
    private const string Columns = "key, l1_tx_hash, msg_index, l1_height, sender, utia, memo, status, confirmations, mint_txid, reason, seen_ms, updated_ms";
    private readonly SqliteConnection _db;
    private readonly Lock _gate = new();
    private readonly TimeProvider _time;

    /// <summary>Opens (or creates) the store at <paramref name="path"/>, stamping times with the system clock.</summary>
    public DepositStore(string path)
        : this(path, TimeProvider.System)
    {
    }

    /// <summary>Opens (or creates) the store; <paramref name="time"/> stamps when a deposit was first seen and last changed.</summary>
    public DepositStore(string path, TimeProvider time)
    {
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _db = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        _db.Open();
        Execute("""
            PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;
            CREATE TABLE IF NOT EXISTS cursor (name TEXT PRIMARY KEY, height INTEGER NOT NULL);
            CREATE TABLE IF NOT EXISTS deposits (
              key TEXT PRIMARY KEY, l1_tx_hash TEXT NOT NULL, msg_index INTEGER NOT NULL, l1_height INTEGER NOT NULL,
              sender TEXT NOT NULL, utia INTEGER NOT NULL, memo TEXT NOT NULL, status INTEGER NOT NULL,
              confirmations INTEGER NOT NULL, mint_txid TEXT, reason TEXT,
              seen_ms INTEGER NOT NULL DEFAULT 0, updated_ms INTEGER NOT NULL DEFAULT 0);
            CREATE INDEX IF NOT EXISTS deposits_hash ON deposits (l1_tx_hash);
            """);
    }

    /// <summary>Raised after a deposit's record changed (first seen, its confirmations, minted, unclaimed) and was
    /// committed, with the record as stored; the node publishes it on <c>/v1/stream</c>. Raised on the writer's thread.</summary>
    public event EventHandler<DepositRecord>? Changed;

    /// <summary>The L1 height below which every transfer to the vault is settled (0 before the first scan); the next scan starts here.</summary>
    public long Cursor
    {
        get
        {
            lock (_gate)
            {
                using var cmd = Command("SELECT height FROM cursor WHERE name = 'deposits'");
                return cmd.ExecuteScalar() is long h ? h : 0;
            }
        }
    }

    /// <summary>Moves the scan cursor to <paramref name="height"/>; never backwards (a lower height is ignored).</summary>
    public void SetCursor(long height) =>
        Execute("INSERT INTO cursor (name, height) VALUES ('deposits', $h) ON CONFLICT(name) DO UPDATE SET height = max(height, $h)", ("$h", height));

    /// <summary>The deposit with key <c>TXHASH:messageIndex</c>, or null when it was never seen.</summary>
    public DepositRecord? Get(string key) => Query("WHERE key = $k", ("$k", key)).FirstOrDefault();

    /// <summary>Every deposit of one L1 transaction (one per message), in message order.</summary>
    public IReadOnlyList<DepositRecord> ByTxHash(string l1TxHash) =>
        Query("WHERE l1_tx_hash = $h ORDER BY msg_index", ("$h", l1TxHash.ToUpperInvariant()));

    /// <summary>The most recently seen deposits, newest first (the explorer's queue).</summary>
    public IReadOnlyList<DepositRecord> Recent(int limit) => Query("ORDER BY l1_height DESC, key DESC LIMIT $n", ("$n", (long)limit));

    /// <summary>Count of deposits per status.</summary>
    public IReadOnlyDictionary<DepositStatus, long> Counts()
    {
        lock (_gate)
        {
            using var cmd = Command("SELECT status, count(*) FROM deposits GROUP BY status");
            using var r = cmd.ExecuteReader();
            var counts = Enum.GetValues<DepositStatus>().ToDictionary(s => s, _ => 0L);
            while (r.Read())
            {
                counts[(DepositStatus)r.GetInt32(0)] = r.GetInt64(1);
            }

            return counts;
        }
    }

    /// <summary>Records a transfer as seen (or refreshes its confirmations while it is still seen).</summary>
    public void Seen(L1Transfer t, long confirmations)
    {
        var before = Get(t.Key);
        Execute("""
        INSERT INTO deposits (key, l1_tx_hash, msg_index, l1_height, sender, utia, memo, status, confirmations, seen_ms, updated_ms)
        VALUES ($k, $h, $i, $ht, $f, $u, $m, 0, $c, $now, $now)
        ON CONFLICT(key) DO UPDATE SET confirmations = $c, updated_ms = CASE WHEN confirmations = $c THEN updated_ms ELSE $now END WHERE status = 0
        """, ("$k", t.Key), ("$h", t.TxHash), ("$i", t.MessageIndex), ("$ht", t.Height), ("$f", t.From), ("$u", (long)t.Utia),
        ("$m", t.Memo), ("$c", confirmations), ("$now", Now()));
        if (before is null || (before.Status == DepositStatus.Seen && before.Confirmations != confirmations))
        {
            RaiseChanged(t.Key);
        }
    }

    /// <summary>Marks the deposit minted by ledger transaction <paramref name="txId"/> (hex), then raises <see cref="Changed"/>.</summary>
    public void Minted(string key, string txId)
    {
        Execute("UPDATE deposits SET status = 1, mint_txid = $t, updated_ms = $now WHERE key = $k", ("$k", key), ("$t", txId), ("$now", Now()));
        RaiseChanged(key);
    }

    /// <summary>Marks the deposit unclaimed (e.g. its memo names no Fontana address) with <paramref name="reason"/>, then raises <see cref="Changed"/>.</summary>
    public void Unclaimed(string key, string reason)
    {
        Execute("UPDATE deposits SET status = 2, reason = $r, updated_ms = $now WHERE key = $k", ("$k", key), ("$r", reason), ("$now", Now()));
        RaiseChanged(key);
    }

    private void RaiseChanged(string key)
    {
        if (Changed is { } changed && Get(key) is { } record)
        {
            changed(this, record);
        }
    }

    private long Now() => _time.GetUtcNow().ToUnixTimeMilliseconds();

    /// <summary>Closes the SQLite file.</summary>
    public void Dispose() => _db.Dispose();

    private List<DepositRecord> Query(string where, params (string, object)[] args)
    {
        lock (_gate)
        {
            using var cmd = Command($"SELECT {Columns} FROM deposits " + where, args);
            using var r = cmd.ExecuteReader();
            var list = new List<DepositRecord>();
            while (r.Read())
            {
                list.Add(new DepositRecord(r.GetString(0), r.GetString(1), r.GetInt32(2), r.GetInt64(3), r.GetString(4), (ulong)r.GetInt64(5),
                    r.GetString(6), (DepositStatus)r.GetInt32(7), r.GetInt64(8), r.IsDBNull(9) ? null : r.GetString(9), r.IsDBNull(10) ? null : r.GetString(10),
                    DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(11)), DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(12))));
            }

            return list;
        }
    }

    private void Execute(string sql, params (string, object)[] args)
    {
        lock (_gate)
        {
            using var cmd = Command(sql, args);
            cmd.ExecuteNonQuery();
        }
    }

    private SqliteCommand Command(string sql, params (string Name, object Value)[] args)
    {
        var cmd = _db.CreateCommand();
        cmd.CommandText = sql;
        foreach (var (name, value) in args)
        {
            cmd.Parameters.AddWithValue(name, value is string s ? s : Convert.ToInt64(value, CultureInfo.InvariantCulture));
        }

        return cmd;
    }
}
