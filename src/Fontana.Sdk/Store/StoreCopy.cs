using System.Data.Common;
using System.Globalization;
using System.Text;

namespace Fontana.Sdk.Store;

/// <summary>Copies a wallet store's rows between engines (PostgreSQL → SQLite for a backup, SQLite → PostgreSQL for a
/// restore): the target gets the same migrations (up to the source's schema version), then every row of every table
/// both have, <c>schema_version</c> and <c>wallet_meta</c> included. The schema uses only TEXT, BIGINT and INTEGER
/// columns (<see cref="StoreSchema"/>), which both engines read and write alike. The caller owns both transactions.</summary>
internal static class StoreCopy
{
    /// <summary>The highest migration recorded in the store; 0 when it has no <c>schema_version</c> rows.</summary>
    public static int SchemaVersion(DbConnection connection, DbTransaction transaction) =>
        Convert.ToInt32(Scalar(connection, transaction, "SELECT COALESCE(MAX(version), 0) FROM schema_version") ?? 0, CultureInfo.InvariantCulture);

    /// <summary>The store's tables (in the connection's current schema on PostgreSQL).</summary>
    public static List<string> Tables(DbConnection connection, DbTransaction transaction, bool postgres)
    {
        var sql = postgres
            ? "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name"
            : "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name";
        using var command = Command(connection, transaction, sql);
        using var reader = command.ExecuteReader();
        var tables = new List<string>();
        while (reader.Read())
        {
            tables.Add(reader.GetString(0));
        }

        return tables;
    }

    /// <summary>Creates an empty store's tables as of <paramref name="version"/> (no rows, not even in
    /// <c>schema_version</c>: those are copied).</summary>
    public static void CreateTables(DbConnection connection, DbTransaction transaction, int version)
    {
        if (version < 1 || version > StoreSchema.Latest)
        {
            throw new WalletStoreException(
                WalletStoreException.TooNew, $"{WalletStoreException.TooNew}: the copied store has schema version {version}; this Fontana knows 1 to {StoreSchema.Latest}");
        }

        Execute(connection, transaction, "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)");
        for (var i = 0; i < version; i++)
        {
            Execute(connection, transaction, StoreSchema.Migrations[i]);
        }
    }

    /// <summary>Copies every row of the tables the source and the target both have; returns the rows copied.</summary>
    public static long CopyRows(DbConnection source, DbTransaction sourceTransaction, bool sourcePostgres, DbConnection target, DbTransaction targetTransaction, bool targetPostgres)
    {
        var targetTables = Tables(target, targetTransaction, targetPostgres).ToHashSet(StringComparer.Ordinal);
        long rows = 0;
        foreach (var table in Tables(source, sourceTransaction, sourcePostgres))
        {
            if (targetTables.Contains(table))
            {
                rows += CopyTable(source, sourceTransaction, target, targetTransaction, table);
            }
        }

        return rows;
    }

    private static long CopyTable(DbConnection source, DbTransaction sourceTransaction, DbConnection target, DbTransaction targetTransaction, string table)
    {
        using var select = Command(source, sourceTransaction, $"SELECT * FROM {Quote(table)}");
        using var reader = select.ExecuteReader();
        var columns = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToArray();
        var sql = new StringBuilder($"INSERT INTO {Quote(table)} (")
            .AppendJoin(", ", columns.Select(Quote))
            .Append(") VALUES (")
            .AppendJoin(", ", columns.Select((_, i) => "@p" + i.ToString(CultureInfo.InvariantCulture)))
            .Append(')')
            .ToString();
        using var insert = Command(target, targetTransaction, sql);
        var parameters = new DbParameter[columns.Length];
        for (var i = 0; i < columns.Length; i++)
        {
            parameters[i] = insert.CreateParameter();
            parameters[i].ParameterName = "p" + i.ToString(CultureInfo.InvariantCulture);
            insert.Parameters.Add(parameters[i]);
        }

        long rows = 0;
        while (reader.Read())
        {
            for (var i = 0; i < columns.Length; i++)
            {
                // Both engines' integers go as 64-bit; PostgreSQL narrows to INTEGER on assignment.
                parameters[i].Value = reader.GetValue(i) is int narrow ? (long)narrow : reader.GetValue(i);
            }

            insert.ExecuteNonQuery();
            rows++;
        }

        return rows;
    }

    private static string Quote(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static void Execute(DbConnection connection, DbTransaction transaction, string sql)
    {
        using var command = Command(connection, transaction, sql);
        command.ExecuteNonQuery();
    }

    private static object? Scalar(DbConnection connection, DbTransaction transaction, string sql)
    {
        using var command = Command(connection, transaction, sql);
        var value = command.ExecuteScalar();
        return value is DBNull ? null : value;
    }

    private static DbCommand Command(DbConnection connection, DbTransaction transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        return command;
    }
}
