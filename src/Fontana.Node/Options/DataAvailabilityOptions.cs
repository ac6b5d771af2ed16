using Fontana.DataAvailability;

namespace Fontana.Node.Options;

/// <summary><c>Fontana:DataAvailability</c>: where sealed blocks are posted.</summary>
public sealed class DataAvailabilityOptions
{
    /// <summary><c>local</c> (default: append-only files under <see cref="LocalDir"/>) or <c>celestia</c>.</summary>
    public string Provider { get; set; } = LocalProvider;

    /// <summary>Directory of the local DA files. Default <c>{DataDir}/da</c>.</summary>
    public string? LocalDir { get; set; }

    /// <summary>celestia-node JSON-RPC endpoint, e.g. <c>http://127.0.0.1:26658</c>.</summary>
    public string? CelestiaUrl { get; set; }

    /// <summary>Namespace id (hex, version 0, up to 10 bytes).</summary>
    public string? Namespace { get; set; }

    /// <summary>Bearer token of celestia-node's RPC (secret; prefer an environment variable).</summary>
    public string? AuthToken { get; set; }

    /// <summary><c>Fontana:DataAvailability:Retry</c>: the poster's Polly retry (exponential backoff with jitter;
    /// Critical logs and the <c>fontana_da_alert</c> metric from <see cref="DaRetryOptions.AlertAfterAttempts"/> failures on).</summary>
    public DaRetryOptions Retry { get; set; } = new();

    public const string LocalProvider = "local";
    public const string CelestiaProvider = "celestia";
}
