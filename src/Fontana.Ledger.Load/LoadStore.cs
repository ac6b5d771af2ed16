using Npgsql;

namespace Fontana.Ledger.Load;

/// <summary>The store a load run uses: as configured, or a temporary SQLite file / PostgreSQL schema removed afterwards.</summary>
internal sealed class LoadStore : IAsyncDisposable
{
    private readonly LedgerLoadOptions _options;
    private readonly string? _tempDirectory;
    private readonly string? _tempSchema;

    private LoadStore(LedgerLoadOptions options, string? tempDirectory, string? tempSchema)
    {
        _options = options;
        _tempDirectory = tempDirectory;
        _tempSchema = tempSchema;
    }

    public static Task<LoadStore> CreateAsync(LedgerLoadOptions options, CancellationToken cancellationToken)
    {
        _ = cancellationToken;
        if (options.Store == LedgerStoreKind.Postgres)
        {
            if (string.IsNullOrEmpty(options.PostgresConnectionString))
            {
                throw new LedgerException(LedgerErrorCodes.InvalidOptions, "the PostgreSQL load run needs a connection string");
            }

            return Task.FromResult(new LoadStore(options, null, options.PostgresSchema is null ? "bench_" + Guid.NewGuid().ToString("N") : null));
        }

        var directory = options.SqlitePath is null ? Path.Combine(Path.GetTempPath(), "fontana-bench-" + Guid.NewGuid().ToString("N")) : null;
        return Task.FromResult(new LoadStore(options, directory, null));
    }

    public LedgerOptions Configure(LedgerOptions ledger)
    {
        ledger.Store = _options.Store;
        ledger.SqlitePath = _options.SqlitePath ?? Path.Combine(_tempDirectory ?? ".", "ledger.db");
        ledger.SqliteSynchronous = _options.SqliteSynchronous;
        ledger.PostgresConnectionString = _options.PostgresConnectionString;
        ledger.PostgresSchema = _options.PostgresSchema ?? _tempSchema;
        return ledger;
    }

    public async ValueTask DisposeAsync()
    {
        if (_tempDirectory is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(_tempDirectory, recursive: true);
            }
            catch (IOException)
            {
            }
        }

        if (_tempSchema is not null)
        {
            await using var connection = new NpgsqlConnection(_options.PostgresConnectionString);
            await connection.OpenAsync().ConfigureAwait(false);
            await using var command = new NpgsqlCommand($"DROP SCHEMA IF EXISTS {_tempSchema} CASCADE", connection);
            await command.ExecuteNonQueryAsync().ConfigureAwait(false);
        }
    }
}
