using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using System.Globalization;

namespace Fontana.Benchmarks;

/// <summary>
/// State-tree figures next to the timings: hashes per changed key (and the log2(n)+4 target) for updates,
/// encoded proof size for proofs. The workloads are deterministic, so these columns recompute them in the
/// host process (the same code the benchmark's setup checked) rather than ferrying numbers out of the child.
/// </summary>
public class SmtConfig : ManualConfig
{
    public SmtConfig()
    {
        AddColumn(
            new FigureColumn("Hashes/change", "SHA-256 calls per changed key (BatchSize 1: average over 1024 single-key updates)", c =>
                Param(c, "BatchSize") is int size ? SmtWorkload.VerifiedUpdates(Param(c, "ExistingKeys") as int? ?? 0, size).HashesPerChange.ToString("F2", CultureInfo.InvariantCulture) : "-"),
            new FigureColumn("log2(n)+4", "target for Hashes/change", c =>
                Param(c, "BatchSize") is int && Param(c, "ExistingKeys") is int n ? (Math.Log2(n) + 4).ToString("F2", CultureInfo.InvariantCulture) : "-"),
            new FigureColumn("Proof B (avg)", "encoded inclusion proof, bytes, average over 1024 keys", c =>
                Param(c, "BatchSize") is null && Param(c, "ExistingKeys") is int n ? SmtWorkload.ProofSize(n).Average.ToString("F1", CultureInfo.InvariantCulture) : "-"),
            new FigureColumn("Proof B (max)", "encoded inclusion proof, bytes, largest of 1024 keys", c =>
                Param(c, "BatchSize") is null && Param(c, "ExistingKeys") is int n ? SmtWorkload.ProofSize(n).Max.ToString(CultureInfo.InvariantCulture) : "-"));
    }

    private static object? Param(BenchmarkCase benchmarkCase, string name) =>
        benchmarkCase.Parameters.Items.FirstOrDefault(p => p.Name == name)?.Value;

    private sealed class FigureColumn(string name, string legend, Func<BenchmarkCase, string> value) : IColumn
    {
        public string Id => "Fontana." + name;

        public string ColumnName => name;

        public bool AlwaysShow => true;

        public ColumnCategory Category => ColumnCategory.Custom;

        public int PriorityInCategory => 0;

        public bool IsNumeric => true;

        public UnitType UnitType => UnitType.Dimensionless;

        public string Legend => legend;

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => value(benchmarkCase);

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) => value(benchmarkCase);

        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

        public bool IsAvailable(Summary summary) => true;
    }
}
