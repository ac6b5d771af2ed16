using System.Data.Common;
using Npgsql;

namespace Fontana.AspNetCore.PaidCalls;

/// <summary>
/// Paid calls in PostgreSQL, shared by every provider instance that points at the same database and schema: a payment
/// replayed to any of them is served from the stored response, and only one of them ever runs its handler.
/// </summary>
internal sealed class PostgresPaidCallStore : SqlPaidCallStore, IAsyncDisposable
{
    /// <summary>Connections per instance unless the connection string sets <c>Maximum Pool Size</c>.</summary>
    public const int DefaultPoolSize = 10;

    private readonly NpgsqlDataSource _dataSource;
    private readonly string _schema;
    private int _created;

    public PostgresPaidCallStore(string connectionString, string schema)
        : base(Quote(schema) + ".fontana_paid_calls")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!connectionString.Contains("pool size", StringComparison.OrdinalIgnoreCase) && !connectionString.Contains("maxpoolsize", StringComparison.OrdinalIgnoreCase))
        {
            // Waiting duplicates poll the store: a small pool keeps a burst of them from taking the server's connection slots.
            builder.MaxPoolSize = DefaultPoolSize;
        }

        _dataSource = NpgsqlDataSource.Create(builder.ConnectionString);
        _schema = schema;
    }

    protected override string BlobType => "bytea";

    protected override async ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        if (Volatile.Read(ref _created) == 0)
        {
            try
            {
                await ExecuteAsync(connection, $"CREATE SCHEMA IF NOT EXISTS {Quote(_schema)}; {CreateTableSql}", cancellationToken).ConfigureAwait(false);
            }
            catch (PostgresException ex) when (ex.SqlState is PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.DuplicateObject)
            {
                // Another instance created it at the same moment.
            }

            Volatile.Write(ref _created, 1);
        }

        return connection;
    }

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
