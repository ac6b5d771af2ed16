using System.Diagnostics.Metrics;

namespace Fontana.Sdk.Monitor;

/// <summary>The monitor's instruments on the meter <c>Fontana.Sdk.Monitor</c>: runs per task and outcome, and payments
/// handled per task and result (e.g. <c>check-for-proofs</c>/<c>proven</c>, <c>send-waiting</c>/<c>refused</c>).</summary>
internal sealed class MonitorMetrics : IDisposable
{
    public const string MeterName = "Fontana.Sdk.Monitor";

    private readonly Meter _meter;
    private readonly Counter<long> _runs;
    private readonly Counter<long> _items;

    public MonitorMetrics(IMeterFactory? meterFactory = null)
    {
        _meter = meterFactory?.Create(MeterName) ?? new Meter(MeterName);
        _runs = _meter.CreateCounter<long>("fontana.sdk.monitor.runs", "{run}", "Monitor task runs, by task and outcome (ok, failed)");
        _items = _meter.CreateCounter<long>("fontana.sdk.monitor.items", "{item}", "Payments or refreshes a monitor task handled, by task and result");
    }

    public void Run(string task, string outcome) =>
        _runs.Add(1, new KeyValuePair<string, object?>("task", task), new KeyValuePair<string, object?>("outcome", outcome));

    public void Item(string task, string result) =>
        _items.Add(1, new KeyValuePair<string, object?>("task", task), new KeyValuePair<string, object?>("result", result));

    public void Dispose() => _meter.Dispose();
}
