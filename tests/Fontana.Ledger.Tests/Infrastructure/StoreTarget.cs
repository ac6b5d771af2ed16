using Fontana.Ledger.Storage;

namespace Fontana.Ledger.Tests.Infrastructure;

/// <summary>A fresh, isolated store for one test: a SQLite file in its own directory, or a PostgreSQL schema of its own.</summary>
public abstract class StoreTarget : IAsyncDisposable
{
    public abstract string Kind { get; }

    /// <summary>Points <paramref name="options"/> at this store.</summary>
    public abstract LedgerOptions Configure(LedgerOptions options);

    /// <summary>Arguments for the crash child process: kind and location.</summary>
    public abstract string[] ChildArguments();

    internal ILedgerStore CreateStore() => LedgerHost.CreateStore(Configure(new LedgerOptions()));

    /// <summary>Runs raw SQL against the store (to corrupt or age it on purpose).</summary>
    public abstract Task ExecuteAsync(string sql);

    public abstract ValueTask DisposeAsync();
}
