using System.Data;
using Fontana.Core;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Fontana.Sdk.Store;

/// <summary>Copies of the store for <see cref="WalletBackup"/>: any store as one SQLite file, and a SQLite copy loaded
/// into a fresh PostgreSQL schema.</summary>
public sealed partial class WalletStore
{
    /// <summary>Writes a consistent copy of this store into the empty SQLite file at <paramref name="path"/>, while
    /// other processes may keep writing: SQLite <c>VACUUM INTO</c>; PostgreSQL rows read in one REPEATABLE READ
    /// transaction (one snapshot of every table).</summary>
    internal void ExportSqlite(string path)
    {
        Guard(() =>
        {
            if (!_postgres)
            {
                using var vacuum = Command(null, "VACUUM INTO @path", [("path", path)]);
                vacuum.ExecuteNonQuery();
                return 0;
            }

            using var target = OpenCopyTarget(path);
            using var targetTransaction = target.BeginTransaction();
            using var snapshot = _connection.BeginTransaction(IsolationLevel.RepeatableRead);
            StoreCopy.CreateTables(target, targetTransaction, StoreCopy.SchemaVersion(_connection, snapshot));
            StoreCopy.CopyRows(_connection, snapshot, sourcePostgres: true, target, targetTransaction, targetPostgres: false);
            snapshot.Commit();
            targetTransaction.Commit();
            return 0;
        });
    }

    /// <summary>Loads the SQLite store copy at <paramref name="sqlitePath"/> into PostgreSQL, into <paramref name="schema"/>
    /// (created if missing; default <c>public</c>), which must hold no wallet store yet. One transaction: a failure leaves
    /// the database as it was.</summary>
    /// <exception cref="WalletBackupException"><c>backup-would-overwrite</c> (a store is there), <c>backup-corrupt</c> (the
    /// copy is of another wallet).</exception>
    /// <exception cref="WalletStoreException"><c>store-unavailable</c>, <c>store-corrupt</c>, <c>store-too-new</c>.</exception>
    internal static void ImportPostgres(string sqlitePath, string connectionString, string? schema, Address wallet)
    {
        using var source = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = sqlitePath, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        using var target = new NpgsqlConnection(connectionString);
        var location = $"{target.Host}/{target.Database}/{schema ?? "public"}";
        try
        {
            source.Open();
            target.Open();
            if (schema is not null)
            {
                CreateSchemaIfMissing(target, schema);
            }

            using var sourceTransaction = source.BeginTransaction();
            using var transaction = target.BeginTransaction();
            LockSchemaForMigration(target, transaction, schema);
            if (schema is not null)
            {
                using var command = target.CreateCommand();
                command.Transaction = transaction;
                command.CommandText = $"SET LOCAL search_path TO {QuoteIdentifier(schema)}";
                command.ExecuteNonQuery();
            }

            if (StoreCopy.Tables(target, transaction, postgres: true).Contains("schema_version"))
            {
                throw new WalletBackupException(
                    WalletBackupException.WouldOverwrite, $"{WalletBackupException.WouldOverwrite}: {location} already holds a wallet store; restore writes only to an empty schema");
            }

            StoreCopy.CreateTables(target, transaction, StoreCopy.SchemaVersion(source, sourceTransaction));
            StoreCopy.CopyRows(source, sourceTransaction, sourcePostgres: false, target, transaction, targetPostgres: true);
            using (var check = target.CreateCommand())
            {
                check.Transaction = transaction;
                check.CommandText = "SELECT value FROM wallet_meta WHERE key = 'address'";
                if (check.ExecuteScalar() is string recorded && recorded != wallet.ToString())
                {
                    throw new WalletBackupException(
                        WalletBackupException.Corrupt, $"{WalletBackupException.Corrupt}: the backup's store belongs to wallet {recorded}, its key file to {wallet}");
                }
            }

            transaction.Commit();
        }
        catch (Exception ex) when (ex is SqliteException or NpgsqlException or InvalidOperationException or ArgumentException)
        {
            throw Translate(ex, location);
        }
    }

    private static SqliteConnection OpenCopyTarget(string path)
    {
        // The caller made the file (empty, 0600): SQLite writes into it without widening its mode.
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWrite, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }
}
