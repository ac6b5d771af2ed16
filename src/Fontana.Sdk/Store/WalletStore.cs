using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using Fontana.Core;
using Fontana.Sdk.Permissions;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Fontana.Sdk.Store;

/// <summary>
/// The wallet's durable store: payments and their receipts (provisional → final), permissions and spend counters,
/// outputs and leases, room for sessions. Embedded SQLite next to the wallet by default (<see cref="OpenSqlite"/>,
/// WAL, <c>synchronous=NORMAL</c>: every commit survives the process being killed), PostgreSQL for a fleet
/// (<see cref="OpenPostgres"/>). The store records the wallet it belongs to and refuses to open for another
/// (<c>store-wrong-wallet</c>). Thread-safe: one connection per store, used under a lock; several processes may open
/// the same store (SQLite busy timeout; PostgreSQL row locks).
/// </summary>
public sealed partial class WalletStore : IDisposable, ISpendingStore
{
    private const string AddressKey = "address";
    private readonly DbConnection _connection;
    private readonly Lock _lock = new();
    private readonly bool _postgres;
    private SqliteBusyWait? _busyWait;

    private WalletStore(DbConnection connection, bool postgres, Address wallet, string location)
    {
        _connection = connection;
        _postgres = postgres;
        Wallet = wallet;
        Location = location;
    }

    /// <summary>The wallet this store belongs to.</summary>
    public Address Wallet { get; }

    /// <summary><c>sqlite</c> or <c>postgresql</c>.</summary>
    public string Engine => _postgres ? "postgresql" : "sqlite";

    /// <summary>The SQLite file, or the PostgreSQL host/database/schema.</summary>
    public string Location { get; }

    /// <summary>The schema version after opening (the latest this code knows).</summary>
    public int SchemaVersion { get; private set; }

    /// <summary>The default store of the wallet key file at <paramref name="walletPath"/>: <c>wallet.key</c> → <c>wallet.db</c>.</summary>
    public static string DefaultPathFor(string walletPath) => Path.ChangeExtension(Path.GetFullPath(walletPath), ".db");

    /// <summary>Opens (creating if needed) the SQLite store at <paramref name="path"/> for <paramref name="wallet"/>.</summary>
    /// <param name="path">The database file (mode 0600 when created).</param>
    /// <param name="wallet">The wallet's address; a store of another wallet is refused.</param>
    /// <param name="busyTimeout">How long to wait for another process's lock (default 5 s).</param>
    /// <exception cref="WalletStoreException"><c>store-corrupt</c>, <c>store-locked</c>, <c>store-wrong-wallet</c>, <c>store-too-new</c>.</exception>
    public static WalletStore OpenSqlite(string path, Address wallet, TimeSpan? busyTimeout = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var fullPath = Path.GetFullPath(path);
        var timeout = busyTimeout ?? TimeSpan.FromSeconds(5);
        var created = !File.Exists(fullPath);
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = fullPath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
            DefaultTimeout = Math.Max(1, (int)Math.Ceiling(timeout.TotalSeconds)),
        };
        var connection = new SqliteConnection(builder.ToString());
        SqliteBusyWait? busyWait = null;
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(fullPath)!);
            connection.Open();
            if (created && !OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(fullPath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }

            busyWait = SqliteBusyWait.Attach(connection, timeout);
            var store = new WalletStore(connection, postgres: false, wallet, fullPath) { _busyWait = busyWait };
            store.Execute("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;");
            store.Migrate();
            return store;
        }
        catch (Exception ex) when (ex is SqliteException or WalletStoreException or IOException or UnauthorizedAccessException)
        {
            connection.Dispose();
            busyWait?.Dispose();
            throw Translate(ex, fullPath);
        }
    }

    /// <summary>Opens (creating its tables if needed) the PostgreSQL store for <paramref name="wallet"/>.</summary>
    /// <param name="connectionString">An Npgsql connection string.</param>
    /// <param name="wallet">The wallet's address; a store of another wallet is refused.</param>
    /// <param name="schema">A schema to keep the tables in (created if missing); default <c>public</c>.</param>
    /// <exception cref="WalletStoreException"><c>store-unavailable</c>, <c>store-locked</c> (lost a deadlock with another process: retry), <c>store-wrong-wallet</c>, <c>store-too-new</c>, <c>store-corrupt</c>.</exception>
    public static WalletStore OpenPostgres(string connectionString, Address wallet, string? schema = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(connectionString);
        var connection = new NpgsqlConnection(connectionString);
        var location = $"{connection.Host}/{connection.Database}/{schema ?? "public"}";
        try
        {
            connection.Open();
            var store = new WalletStore(connection, postgres: true, wallet, location);
            if (schema is not null)
            {
                CreateSchemaIfMissing(connection, schema);
                store.Execute($"SET search_path TO {QuoteIdentifier(schema)}");
            }

            store.Migrate(schema);
            return store;
        }
        catch (Exception ex) when (ex is NpgsqlException or WalletStoreException or InvalidOperationException or ArgumentException)
        {
            connection.Dispose();
            throw Translate(ex, location);
        }
    }

    /// <summary>A value of the store's metadata (e.g. <c>address</c>, <c>sequencer-key</c>, <c>chain-id</c>).</summary>
    public string? GetMeta(string key)
    {
        lock (_lock)
        {
            return Scalar("SELECT value FROM wallet_meta WHERE key = @k", ("k", key)) as string;
        }
    }

    /// <summary>Sets a metadata value.</summary>
    public void SetMeta(string key, string value)
    {
        lock (_lock)
        {
            Execute("INSERT INTO wallet_meta (key, value) VALUES (@k, @v) ON CONFLICT (key) DO UPDATE SET value = excluded.value", ("k", key), ("v", value));
        }
    }

    /// <summary>Closes the connection.</summary>
    public void Dispose()
    {
        lock (_lock)
        {
            _connection.Dispose();
            _busyWait?.Dispose();
        }
    }

    /// <summary>A PostgreSQL identifier in double quotes (embedded quotes doubled).</summary>
    internal static string QuoteIdentifier(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    /// <summary>Creates <paramref name="schema"/> unless it exists, on its own (outside any transaction). PostgreSQL's
    /// <c>CREATE SCHEMA IF NOT EXISTS</c> is not safe against a concurrent creator — it can fail with a unique violation on
    /// <c>pg_namespace</c> even under an advisory lock, since the existence check may not see the other's commit — so
    /// that failure means "another process created it" and is taken as success.</summary>
    internal static void CreateSchemaIfMissing(NpgsqlConnection connection, string schema)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"CREATE SCHEMA IF NOT EXISTS {QuoteIdentifier(schema)}";
        try
        {
            command.ExecuteNonQuery();
        }
        catch (PostgresException ex) when (ex.SqlState is PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.DuplicateSchema)
        {
            // Created by another process between our check and our insert: it exists, which is all we need.
        }
    }

    /// <summary>Takes PostgreSQL's migration lock of <paramref name="schema"/> (default <c>public</c>) for the transaction:
    /// processes opening (or restoring into) the same schema at once go one at a time, so one migrates it and the others
    /// find it done; stores in other schemas of the same database do not wait for each other.</summary>
    internal static void LockSchemaForMigration(NpgsqlConnection connection, NpgsqlTransaction transaction, string? schema)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT pg_advisory_xact_lock(7130013, hashtext(@schema))";
        command.Parameters.AddWithValue("schema", schema ?? "public");
        command.ExecuteNonQuery();
    }

    private void Migrate(string? schema = null)
    {
        using var transaction = _connection.BeginTransaction();
        if (_postgres)
        {
            LockSchemaForMigration((NpgsqlConnection)_connection, (NpgsqlTransaction)transaction, schema);
        }

        Execute(transaction, "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)");
        var current = Convert.ToInt32(Scalar(transaction, "SELECT COALESCE(MAX(version), 0) FROM schema_version") ?? 0, CultureInfo.InvariantCulture);
        if (current > StoreSchema.Latest)
        {
            throw new WalletStoreException(
                WalletStoreException.TooNew, $"{WalletStoreException.TooNew}: the store at {Location} has schema version {current}; this Fontana knows up to {StoreSchema.Latest}");
        }

        for (var version = current + 1; version <= StoreSchema.Latest; version++)
        {
            Execute(transaction, StoreSchema.Migrations[version - 1]);
            Execute(transaction, "INSERT INTO schema_version (version) VALUES (@v)", ("v", version));
        }

        var recorded = Scalar(transaction, "SELECT value FROM wallet_meta WHERE key = @k", ("k", AddressKey)) as string;
        if (recorded is null)
        {
            Execute(transaction, "INSERT INTO wallet_meta (key, value) VALUES (@k, @v)", ("k", AddressKey), ("v", Wallet.ToString()));
        }
        else if (recorded != Wallet.ToString())
        {
            throw new WalletStoreException(
                WalletStoreException.WrongWallet, $"{WalletStoreException.WrongWallet}: the store at {Location} belongs to wallet {recorded}, not {Wallet}");
        }

        transaction.Commit();
        SchemaVersion = StoreSchema.Latest;
    }

    /// <summary>The stable-coded error for a failure of the store at <paramref name="location"/>.</summary>
    internal static WalletStoreException Translate(Exception ex, string location) => ex switch
    {
        WalletStoreException store => store,
        SqliteException { SqliteErrorCode: 5 or 6 } => new WalletStoreException(
            WalletStoreException.Locked, $"{WalletStoreException.Locked}: the store at {location} is locked by another process", ex),
        SqliteException { SqliteErrorCode: 26 or 11 } => new WalletStoreException(
            WalletStoreException.Corrupt, $"{WalletStoreException.Corrupt}: {location} is not a wallet store or is damaged ({ex.Message})", ex),
        SqliteException => new WalletStoreException(WalletStoreException.Corrupt, $"{WalletStoreException.Corrupt}: {location}: {ex.Message}", ex),
        PostgresException { SqlState: PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.LockNotAvailable } pg =>
            new WalletStoreException(
                WalletStoreException.Locked, $"{WalletStoreException.Locked}: the store at {location} is busy with another process ({pg.MessageText}); nothing was changed, retry", ex),
        PostgresException pg when IsServerUnavailable(pg.SqlState) => new WalletStoreException(
            WalletStoreException.Unavailable, $"{WalletStoreException.Unavailable}: the server of the store at {location} cannot serve it now ({pg.MessageText})", ex),
        PostgresException pg => new WalletStoreException(WalletStoreException.Corrupt, $"{WalletStoreException.Corrupt}: {location}: {pg.MessageText}", ex),
        _ => new WalletStoreException(WalletStoreException.Unavailable, $"{WalletStoreException.Unavailable}: cannot open the store at {location}: {ex.Message}", ex),
    };

    /// <summary>Runs <paramref name="action"/> under the lock, turning engine errors into store codes; records how long
    /// it waited for the lock and ran (<see cref="StoreMetrics"/>).</summary>
    private T Guard<T>(Func<T> action, [CallerMemberName] string operation = "")
    {
        var requested = Stopwatch.GetTimestamp();
        lock (_lock)
        {
            var started = Stopwatch.GetTimestamp();
            try
            {
                return action();
            }
            catch (Exception ex) when (ex is SqliteException or NpgsqlException)
            {
                throw Translate(ex, Location);
            }
            finally
            {
                StoreMetrics.Record(operation, Engine, requested, started, Stopwatch.GetTimestamp());
            }
        }
    }

    private int Execute(string sql, params (string Name, object? Value)[] parameters) => Execute(null, sql, parameters);

    private int Execute(DbTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(transaction, sql, parameters);
        return command.ExecuteNonQuery();
    }

    private object? Scalar(string sql, params (string Name, object? Value)[] parameters) => Scalar(null, sql, parameters);

    private object? Scalar(DbTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(transaction, sql, parameters);
        var value = command.ExecuteScalar();
        return value is DBNull ? null : value;
    }

    private DbCommand Command(DbTransaction? transaction, string sql, (string Name, object? Value)[] parameters)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }

        return command;
    }

    /// <summary>PostgreSQL errors of a server that cannot serve now (connection exceptions, too many connections, out of
    /// resources, shutting down) rather than of the store's contents.</summary>
    private static bool IsServerUnavailable(string sqlState) =>
        sqlState.StartsWith("08", StringComparison.Ordinal) // connection exception
        || sqlState.StartsWith("53", StringComparison.Ordinal) // insufficient resources (e.g. too many connections)
        || sqlState is PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown or PostgresErrorCodes.CannotConnectNow;
}
