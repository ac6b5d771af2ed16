using Fontana.DataAvailability;
using Fontana.DataAvailability.Celestia;

namespace Fontana.Node.Options;

/// <summary><c>Fontana:DataAvailability</c>: where sealed blocks are posted.</summary>
public sealed class DataAvailabilityOptions
{
    /// <summary><c>local</c> (default: an append-only file under <see cref="LocalDir"/>) or <c>celestia</c>.</summary>
    public string Provider { get; set; } = LocalProvider;

    /// <summary>Directory of the local DA file. Default <c>{DataDir}/da</c>.</summary>
    public string? LocalDir { get; set; }

    /// <summary><c>Fontana:DataAvailability:Celestia</c>: the celestia-node RPC (url, auth token, namespace id, blob limits).</summary>
    public CelestiaOptions Celestia { get; set; } = new();

    /// <summary><c>Fontana:DataAvailability:Retry</c>: the poster's Polly retry (exponential backoff with jitter;
    /// Critical logs and the <c>fontana_da_alert</c> metric from <see cref="DaRetryOptions.AlertAfterAttempts"/> failures on).</summary>
    public DaRetryOptions Retry { get; set; } = new();

    public const string LocalProvider = "local";
    public const string CelestiaProvider = "celestia";
}
