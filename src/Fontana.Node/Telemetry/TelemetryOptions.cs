namespace Fontana.Node.Telemetry;

/// <summary>OpenTelemetry settings of a Fontana host, bound from <c>Fontana:Telemetry</c>.</summary>
public sealed class TelemetryOptions
{
    /// <summary>The configuration section: <c>Fontana:Telemetry</c>.</summary>
    public const string SectionName = "Fontana:Telemetry";

    /// <summary>OTLP endpoint that receives traces (e.g. <c>http://127.0.0.1:4317</c>).</summary>
    /// <value>Default <see langword="null"/>: tracing is off and no spans are recorded.</value>
    public Uri? OtlpEndpoint { get; set; }

    /// <summary>The OTLP protocol: <c>grpc</c> (port 4317) or <c>http/protobuf</c> (port 4318; an endpoint without a
    /// path gets <c>/v1/traces</c>).</summary>
    /// <value>Default <c>grpc</c>.</value>
    public string OtlpProtocol { get; set; } = "grpc";

    /// <summary>The service name reported with traces and metrics.</summary>
    /// <value>Default <c>fontana-node</c>.</value>
    public string ServiceName { get; set; } = "fontana-node";
}
