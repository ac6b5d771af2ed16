namespace Fontana.Node.Options;

/// <summary>
/// The node's configuration, bound from the <c>Fontana</c> section (appsettings.json, environment variables
/// <c>FONTANA__…</c>, a <c>.env</c> file loaded by the CLI). Validated at start-up by
/// <see cref="FontanaNodeOptionsValidator"/>; errors name the configuration key.
/// </summary>
public sealed class FontanaNodeOptions
{
    /// <summary>The configuration section the options are bound from.</summary>
    public const string SectionName = "Fontana";

    /// <summary>Directory for the store, local DA files, genesis and sequencer key. Default <c>~/.fontana</c>;
    /// a leading <c>~</c> is expanded.</summary>
    public string DataDir { get; set; } = DefaultDataDir();

    /// <summary>Path of <c>genesis.json</c>. Default <c>{DataDir}/genesis.json</c>.</summary>
    public string? GenesisPath { get; set; }

    /// <summary>Path of the sequencer key file (signs receipts and headers). Default <c>{DataDir}/sequencer.key</c>.</summary>
    public string? SequencerKeyPath { get; set; }

    /// <summary>Path of the bridge authority key file (signs deposits and withdrawal confirmations). Default
    /// <c>{DataDir}/bridge-authority.key</c>; without the file the bridge endpoints answer 503.</summary>
    public string? BridgeAuthorityKeyPath { get; set; }

    /// <summary>Time between sealed blocks (empty blocks included). Null: the genesis's block interval.</summary>
    public TimeSpan? BlockInterval { get; set; }

    /// <summary>The ledger store.</summary>
    public StoreOptions Store { get; set; } = new();

    /// <summary>HTTP API limits.</summary>
    public ApiOptions Api { get; set; } = new();

    /// <summary>Bridge endpoints (deposits, withdrawal confirmations).</summary>
    public BridgeOptions Bridge { get; set; } = new();

    /// <summary>The DA poster's retry and alert policy.</summary>
    public DaPosterOptions DaPoster { get; set; } = new();

    /// <summary>The <c>/v1/stream</c> WebSocket.</summary>
    public StreamOptions Stream { get; set; } = new();

    /// <summary>Follower mode: set <c>Follower:SequencerUrl</c> to run a read-only follower of that sequencer.</summary>
    public FollowerOptions Follower { get; set; } = new();

    /// <summary><see cref="DataDir"/> with a leading <c>~</c> expanded and made absolute.</summary>
    public string ResolvedDataDir => ExpandHome(DataDir);

    /// <summary>The genesis path, defaulted under the data dir.</summary>
    public string ResolvedGenesisPath => GenesisPath is { Length: > 0 } p ? ExpandHome(p) : Path.Combine(ResolvedDataDir, "genesis.json");

    /// <summary>The sequencer key path, defaulted under the data dir.</summary>
    public string ResolvedSequencerKeyPath =>
        SequencerKeyPath is { Length: > 0 } p ? ExpandHome(p) : Path.Combine(ResolvedDataDir, "sequencer.key");

    /// <summary>The bridge authority key path, defaulted under the data dir.</summary>
    public string ResolvedBridgeAuthorityKeyPath =>
        BridgeAuthorityKeyPath is { Length: > 0 } p ? ExpandHome(p) : Path.Combine(ResolvedDataDir, "bridge-authority.key");

    /// <summary>The SQLite file, defaulted under the data dir.</summary>
    public string ResolvedSqlitePath =>
        Store.SqlitePath is { Length: > 0 } p ? ExpandHome(p) : Path.Combine(ResolvedDataDir, "ledger.db");

    /// <summary><c>~/.fontana</c>.</summary>
    public static string DefaultDataDir() =>
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".fontana");

    /// <summary>Expands a leading <c>~</c> to the user's home and returns a full path.</summary>
    public static string ExpandHome(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (path == "~" || path.StartsWith("~/", StringComparison.Ordinal))
        {
            path = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile) + path[1..];
        }

        return Path.GetFullPath(path);
    }
}
