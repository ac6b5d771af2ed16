using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;

namespace Fontana.Sdk.Store;

/// <summary>The busy handler of a store's SQLite connection (in place of <c>PRAGMA busy_timeout</c>, which SQLitePCLRaw
/// offers but whose waits cannot be counted): when another connection holds the lock a statement needs, SQLite calls it
/// before each retry; it sleeps, counts the retry (<see cref="StoreMetrics.BusyRetries"/>) and gives up once the
/// statement has waited the busy timeout (then <c>store-locked</c>). Dispose after the connection is closed.</summary>
internal sealed unsafe partial class SqliteBusyWait : IDisposable
{
    /// <summary>SQLite's own schedule for <c>busy_timeout</c> (sqlite3.c <c>sqliteDefaultBusyCallback</c>): the sleep before
    /// retry n, then the last one repeated.</summary>
    private static readonly int[] SqliteDelaysMs = [1, 2, 5, 10, 15, 20, 25, 25, 25, 50, 50, 100];

    private readonly TimeSpan _timeout;
    private GCHandle _self;
    private long _since;

    private SqliteBusyWait(TimeSpan timeout) => _timeout = timeout;

    /// <summary>Installs the handler on an open connection (the connection is used by one thread at a time).</summary>
    public static SqliteBusyWait Attach(SqliteConnection connection, TimeSpan timeout)
    {
        var wait = new SqliteBusyWait(timeout);
        wait._self = GCHandle.Alloc(wait);
        var rc = sqlite3_busy_handler(connection.Handle!.DangerousGetHandle(), &OnBusy, GCHandle.ToIntPtr(wait._self));
        if (rc != 0)
        {
            wait.Dispose();
            throw new SqliteException("sqlite3_busy_handler failed", rc);
        }

        return wait;
    }

    public void Dispose()
    {
        if (_self.IsAllocated)
        {
            _self.Free();
        }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int OnBusy(IntPtr state, int count) =>
        GCHandle.FromIntPtr(state).Target is SqliteBusyWait wait ? wait.Wait(count) : 0;

    [LibraryImport("e_sqlite3")]
    private static partial int sqlite3_busy_handler(IntPtr db, delegate* unmanaged[Cdecl]<IntPtr, int, int> handler, IntPtr state);

    private int Wait(int count)
    {
        if (count == 0)
        {
            _since = Stopwatch.GetTimestamp();
        }
        else if (Stopwatch.GetElapsedTime(_since) >= _timeout)
        {
            return 0;
        }

        StoreMetrics.BusyRetries.Add(1);
        Thread.Sleep(SqliteDelaysMs[Math.Min(count, SqliteDelaysMs.Length - 1)]);
        return 1;
    }
}
