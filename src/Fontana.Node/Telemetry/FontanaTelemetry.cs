namespace Fontana.Node.Telemetry;

/// <summary>What Fontana's telemetry covers: the meters exported and the activity sources traced.</summary>
public static class FontanaTelemetry
{
    /// <summary>The meters exported: every Fontana component's meter.</summary>
    public static readonly IReadOnlyList<string> MeterNames = ["Fontana.Node", "Fontana.AspNetCore", "Fontana.Sdk", "Fontana.Bridge"];

    /// <summary>Activity sources traced when tracing is on.</summary>
    public const string ActivitySourcePattern = "Fontana.*";
}
