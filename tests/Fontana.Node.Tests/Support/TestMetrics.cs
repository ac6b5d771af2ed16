using System.Diagnostics.Metrics;
using Fontana.Node.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Fontana.Node.Tests.Support;

/// <summary>A <see cref="NodeMetrics"/> on its own meter factory, and a listener reading its gauges.</summary>
internal static class TestMetrics
{
    public static NodeMetrics Create()
    {
        var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        return new NodeMetrics(services.GetRequiredService<IMeterFactory>());
    }

    /// <summary>Current value of an observable instrument of <paramref name="metrics"/>' meter, summed over tags.</summary>
    public static double Observe(NodeMetrics metrics, string instrument)
    {
        double total = 0;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (i, l) =>
        {
            if (ReferenceEquals(i.Meter, metrics.Meter) && i.Name == instrument)
            {
                l.EnableMeasurementEvents(i);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) => total += value);
        listener.SetMeasurementEventCallback<int>((_, value, _, _) => total += value);
        listener.SetMeasurementEventCallback<double>((_, value, _, _) => total += value);
        listener.Start();
        listener.RecordObservableInstruments();
        return total;
    }
}
