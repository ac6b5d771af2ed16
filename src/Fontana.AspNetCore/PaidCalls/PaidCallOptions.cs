namespace Fontana.AspNetCore.PaidCalls;

/// <summary>
/// Exactly-once settings (<c>Fontana:Provider:PaidCalls</c>): where paid calls and their responses are kept, how large
/// a stored response may be, and how long records live. docs/x402.md "Exactly once" explains the choice of store.
/// </summary>
public sealed class PaidCallOptions
{
    /// <summary>Where paid calls live. <value>Default: <see cref="PaidCallStoreKind.Memory"/> (one instance, forgets on restart).</value></summary>
    public PaidCallStoreKind Store { get; set; } = PaidCallStoreKind.Memory;

    /// <summary>The SQLite file for <see cref="PaidCallStoreKind.Sqlite"/>. <value>Default: none (required for that store).</value></summary>
    public string? SqlitePath { get; set; }

    /// <summary>The PostgreSQL connection string for <see cref="PaidCallStoreKind.PostgreSql"/> (Npgsql syntax). <value>Default: none.</value></summary>
    public string? ConnectionString { get; set; }

    /// <summary>The PostgreSQL schema holding the <c>fontana_paid_calls</c> table; instances that share it share calls. <value>Default: <c>public</c>.</value></summary>
    public string Schema { get; set; } = "public";

    /// <summary>The largest response body kept for replays, in bytes (1 B to 64 MiB); a larger one is served once and its replays refused. <value>Default: 1 MiB.</value></summary>
    public int MaxStoredResponseBytes { get; set; } = 1 << 20;

    /// <summary>How long a paid call is remembered (at least the challenge lifetime). <value>Default: 24 h.</value></summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromHours(24);

    /// <summary>
    /// How long an instance owns a call it is settling or executing; duplicates wait at most this long for its response.
    /// A call whose owner died before settling is taken over after it; one that died while its handler ran is refused
    /// (<c>paid_call_interrupted</c>), never run again. <value>Default: 2 min.</value>
    /// </summary>
    public TimeSpan ExecutionLease { get; set; } = TimeSpan.FromMinutes(2);
}
