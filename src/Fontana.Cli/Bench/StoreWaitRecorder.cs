using System.Diagnostics.Metrics;
using System.Text.Json.Nodes;

namespace Fontana.Cli.Bench;

/// <summary>Sums, per store operation, what the meter <c>Fontana.Sdk.Store</c> reports in this process: how many
/// operations, how long they waited for the store's connection here (ms), how long they ran on the database (ms, waits
/// for another process's lock included), and SQLite busy retries — where a worker of <c>bench calls --processes</c> waits.</summary>
internal sealed class StoreWaitRecorder : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly Dictionary<string, Totals> _operations = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private long _busyRetries;

    public StoreWaitRecorder()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == "Fontana.Sdk.Store")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<double>(OnMeasurement);
        _listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref _busyRetries, value));
        _listener.Start();
    }

    /// <summary>Adds one worker's <see cref="ToJson"/> to <paramref name="total"/>.</summary>
    public static void Add(JsonObject total, JsonObject? worker)
    {
        if (worker is null)
        {
            return;
        }

        foreach (var (key, value) in worker)
        {
            if (value is JsonObject operation)
            {
                var sum = total[key] as JsonObject ?? new JsonObject { ["count"] = 0L, ["waitMs"] = 0.0, ["runMs"] = 0.0, ["maxRunMs"] = 0.0 };
                sum["count"] = sum["count"]!.GetValue<long>() + operation["count"]!.GetValue<long>();
                sum["waitMs"] = Math.Round(sum["waitMs"]!.GetValue<double>() + operation["waitMs"]!.GetValue<double>(), 1);
                sum["runMs"] = Math.Round(sum["runMs"]!.GetValue<double>() + operation["runMs"]!.GetValue<double>(), 1);
                sum["maxRunMs"] = Math.Max(sum["maxRunMs"]!.GetValue<double>(), operation["maxRunMs"]!.GetValue<double>());
                total[key] = sum;
            }
            else if (value is not null)
            {
                total[key] = (total[key]?.GetValue<long>() ?? 0) + value.GetValue<long>();
            }
        }
    }

    public JsonObject ToJson()
    {
        var json = new JsonObject { ["busyRetries"] = Interlocked.Read(ref _busyRetries) };
        lock (_lock)
        {
            foreach (var (operation, totals) in _operations.OrderBy(o => o.Key, StringComparer.Ordinal))
            {
                json[operation] = new JsonObject
                {
                    ["count"] = totals.Count,
                    ["waitMs"] = Math.Round(totals.WaitMs, 1),
                    ["runMs"] = Math.Round(totals.RunMs, 1),
                    ["maxRunMs"] = Math.Round(totals.MaxRunMs, 1),
                };
            }
        }

        return json;
    }

    public void Dispose() => _listener.Dispose();

    private void OnMeasurement(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state)
    {
        var operation = "?";
        foreach (var tag in tags)
        {
            if (tag.Key == "operation" && tag.Value is string name)
            {
                operation = name;
            }
        }

        lock (_lock)
        {
            if (!_operations.TryGetValue(operation, out var totals))
            {
                _operations[operation] = totals = new Totals();
            }

            if (instrument.Name == "fontana.sdk.store.lock_wait")
            {
                totals.WaitMs += value;
            }
            else
            {
                totals.Count++;
                totals.RunMs += value;
                totals.MaxRunMs = Math.Max(totals.MaxRunMs, value);
            }
        }
    }

    private sealed class Totals
    {
        public long Count;
        public double WaitMs;
        public double RunMs;
        public double MaxRunMs;
    }
}
