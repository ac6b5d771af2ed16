using Fontana.DataAvailability.Celestia;

namespace Fontana.DataAvailability;

/// <summary>
/// Which DA layer the node posts to, bound from the <c>DataAvailability</c> section
/// (<c>FONTANA__DATAAVAILABILITY__LAYER</c>, …). The default is the embedded local layer.
/// </summary>
public sealed class DataAvailabilityOptions
{
    /// <summary>The configuration section: <c>DataAvailability</c>.</summary>
    public const string SectionName = "DataAvailability";

    /// <summary><c>"local"</c> (default) or <c>"celestia"</c>.</summary>
    public string Layer { get; set; } = Fontana.Core.DaReference.LocalLayer;

    /// <summary>Directory of the local layer's record file; the node sets it to <c>&lt;data dir&gt;/da</c> when empty.</summary>
    public string? LocalDirectory { get; set; }

    /// <summary>The Celestia node to post to and read from when <see cref="Layer"/> is <c>"celestia"</c> (<c>DataAvailability:Celestia</c>).</summary>
    public CelestiaOptions Celestia { get; set; } = new();

    /// <summary>How posting retries transient failures (<c>DataAvailability:Retry</c>).</summary>
    public DaRetryOptions Retry { get; set; } = new();

    /// <summary>Errors naming the configuration key, empty when valid (the Celestia section is checked only when it is used).</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        switch (Layer)
        {
            case Fontana.Core.DaReference.LocalLayer:
                if (string.IsNullOrWhiteSpace(LocalDirectory))
                {
                    errors.Add($"{SectionName}:LocalDirectory must name a directory for the local DA layer");
                }

                break;
            case Fontana.Core.DaReference.CelestiaLayer:
                errors.AddRange(Celestia.Validate($"{SectionName}:Celestia"));
                break;
            default:
                errors.Add($"{SectionName}:Layer must be \"local\" or \"celestia\" (got \"{Layer}\")");
                break;
        }

        errors.AddRange(Retry.Validate($"{SectionName}:Retry"));
        return errors;
    }
}
