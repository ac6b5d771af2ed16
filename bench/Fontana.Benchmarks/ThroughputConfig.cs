using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;

namespace Fontana.Benchmarks;

/// <summary>Adds operations per second next to the mean, so raw rates can be quoted directly.</summary>
public class ThroughputConfig : ManualConfig
{
    public ThroughputConfig()
    {
        AddColumn(StatisticColumn.OperationsPerSecond);
    }
}
