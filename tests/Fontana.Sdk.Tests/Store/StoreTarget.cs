using Fontana.Core;
using Fontana.Sdk.Store;
using Npgsql;

namespace Fontana.Sdk.Tests.Store;

/// <summary>A fresh wallet store on one engine: a SQLite file in a temp directory, or a PostgreSQL schema of its own
/// (FONTANA_TEST_POSTGRES) dropped afterwards.</summary>
internal sealed class StoreTarget : IDisposable
{
    public const string Sqlite = "sqlite";
    public const string Postgres = "postgresql";

    private readonly string _directory = Directory.CreateTempSubdirectory("fontana-store-").FullName;
    private readonly string _schema = "wallet_" + Guid.NewGuid().ToString("N")[..12];

    public StoreTarget(string engine) => Engine = engine;

    public static string? PostgresConnection => TestPostgres.ConnectionString;

    /// <summary>SQLite always; PostgreSQL when FONTANA_TEST_POSTGRES is set.</summary>
    public static TheoryData<string> Engines
    {
        get
        {
            var data = new TheoryData<string> { Sqlite };
            if (!string.IsNullOrEmpty(PostgresConnection))
            {
                data.Add(Postgres);
            }

            return data;
        }
    }

    public string Engine { get; }

    public string SqlitePath => Path.Combine(_directory, "wallet.db");

    /// <summary>The PostgreSQL schema of this target (created when first opened).</summary>
    public string Schema => _schema;

    public WalletStore Open(Address wallet) =>
        Engine == Sqlite ? WalletStore.OpenSqlite(SqlitePath, wallet) : WalletStore.OpenPostgres(PostgresConnection!, wallet, _schema);

    /// <summary>Runs raw SQL against the store's database (in its schema).</summary>
    public void Sql(string sql)
    {
        if (Engine == Sqlite)
        {
            using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={SqlitePath};Pooling=False");
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            command.ExecuteNonQuery();
        }
        else
        {
            using var connection = new NpgsqlConnection(PostgresConnection);
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = $"SET search_path TO {_schema}; {sql}";
            command.ExecuteNonQuery();
        }
    }

    public void Dispose()
    {
        if (Engine == Postgres)
        {
            TestPostgres.DropSchema(PostgresConnection!, _schema);
        }

        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Cleaned up with the temp directory.
        }
    }
}
