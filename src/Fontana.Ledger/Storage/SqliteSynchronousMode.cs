namespace Fontana.Ledger.Storage;

/// <summary>SQLite <c>PRAGMA synchronous</c>. <see cref="Full"/> (default) fsyncs the WAL at every commit: nothing acknowledged is lost on power failure.</summary>
public enum SqliteSynchronousMode
{
    /// <summary>fsync at every commit (durable; the default).</summary>
    Full,

    /// <summary>fsync at checkpoints only: survives a process crash, may lose the last commits on power loss.</summary>
    Normal,

    /// <summary>Like <see cref="Full"/>, plus an fsync of the directory after a rollback journal is deleted.</summary>
    Extra,
}
