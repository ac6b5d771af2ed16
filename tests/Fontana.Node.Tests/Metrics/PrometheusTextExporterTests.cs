using System.Diagnostics.Metrics;
using Fontana.Node.Metrics;

namespace Fontana.Node.Tests.Metrics;

public sealed class PrometheusTextExporterTests : IDisposable
{
    private readonly Meter _meter = new("Fontana.Test." + Guid.NewGuid().ToString("N"));
    private readonly PrometheusTextExporter _exporter;

    public PrometheusTextExporterTests()
    {
        var name = _meter.Name;
        _exporter = new PrometheusTextExporter(new PrometheusExporterOptions { MeterFilter = m => m.Name == name });
    }

    public void Dispose()
    {
        _exporter.Dispose();
        _meter.Dispose();
    }

    [Fact]
    public void Render_KnownInstruments_ExactText()
    {
        var transactions = _meter.CreateCounter<long>("fontana.ledger.transactions", "{tx}", "Transactions applied.");
        transactions.Add(3, new KeyValuePair<string, object?>("kind", "transfer"));
        transactions.Add(2, new KeyValuePair<string, object?>("kind", "withdrawal"));
        transactions.Add(1, new KeyValuePair<string, object?>("kind", "transfer"));
        var inflight = _meter.CreateUpDownCounter<int>("fontana.sdk.inflight", description: "Paid calls in flight.");
        inflight.Add(5);
        inflight.Add(-2);
        _meter.CreateObservableGauge("fontana.da.lag", () => 1.5, "s", "Seconds since the last DA post.");
        _meter.CreateObservableCounter("fontana.blocks.sealed", () => 42L);
        var duration = _meter.CreateHistogram<double>(
            "fontana.apply.duration", "ms", "Apply time per batch.", tags: null, new InstrumentAdvice<double> { HistogramBucketBoundaries = [1, 5, 10] });
        foreach (var value in new[] { 0.5, 1, 3, 7, 100 })
        {
            duration.Record(value);
        }

        var tip = _meter.CreateGauge<long>("fontana.tip.height");
        tip.Record(10);
        tip.Record(12);

        _exporter.Render().ShouldBe(
            """
            # HELP fontana_apply_duration_milliseconds Apply time per batch.
            # TYPE fontana_apply_duration_milliseconds histogram
            fontana_apply_duration_milliseconds_bucket{le="1"} 2
            fontana_apply_duration_milliseconds_bucket{le="5"} 3
            fontana_apply_duration_milliseconds_bucket{le="10"} 4
            fontana_apply_duration_milliseconds_bucket{le="+Inf"} 5
            fontana_apply_duration_milliseconds_sum 111.5
            fontana_apply_duration_milliseconds_count 5
            # TYPE fontana_blocks_sealed_total counter
            fontana_blocks_sealed_total 42
            # HELP fontana_da_lag_seconds Seconds since the last DA post.
            # TYPE fontana_da_lag_seconds gauge
            fontana_da_lag_seconds 1.5
            # HELP fontana_ledger_transactions_total Transactions applied.
            # TYPE fontana_ledger_transactions_total counter
            fontana_ledger_transactions_total{kind="transfer"} 4
            fontana_ledger_transactions_total{kind="withdrawal"} 2
            # HELP fontana_sdk_inflight Paid calls in flight.
            # TYPE fontana_sdk_inflight gauge
            fontana_sdk_inflight 3
            # TYPE fontana_tip_height gauge
            fontana_tip_height 12

            """.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Render_LabelValues_AreEscaped_AndNamesSanitizedAndSorted()
    {
        var counter = _meter.CreateCounter<int>("requests");
        counter.Add(
            1,
            new KeyValuePair<string, object?>("path", "C:\\dir \"quoted\"\nnext"),
            new KeyValuePair<string, object?>("http.method", "GET"),
            new KeyValuePair<string, object?>("2xx", true),
            new KeyValuePair<string, object?>("code", 200));

        _exporter.Render().ShouldBe(
            "# TYPE requests_total counter\n"
            + "requests_total{_2xx=\"true\",code=\"200\",http_method=\"GET\",path=\"C:\\\\dir \\\"quoted\\\"\\nnext\"} 1\n");
    }

    [Fact]
    public void Render_TagOrder_DoesNotSplitSeries()
    {
        var counter = _meter.CreateCounter<long>("calls");
        counter.Add(1, new("a", "1"), new("b", "2"));
        counter.Add(1, new("b", "2"), new("a", "1"));

        _exporter.Render().ShouldContain("calls_total{a=\"1\",b=\"2\"} 2\n");
    }

    [Fact]
    public void Render_CollidingLabelNames_AreMergedWithSemicolon()
    {
        _meter.CreateCounter<long>("c").Add(1, new("a.b", "x"), new("a_b", "y"));

        _exporter.Render().ShouldContain("c_total{a_b=\"x;y\"} 1\n");
    }

    [Fact]
    public void Render_HelpText_EscapesBackslashAndNewline()
    {
        _meter.CreateUpDownCounter<long>("g", description: "line one\nback\\slash \"quoted\"").Add(1);

        _exporter.Render().ShouldStartWith("# HELP g line one\\nback\\\\slash \"quoted\"\n# TYPE g gauge\ng 1\n");
    }

    [Fact]
    public void Render_HistogramWithLabels_BucketsAreCumulativePerSeries()
    {
        var histogram = _meter.CreateHistogram<int>("size", "By", null, null, new InstrumentAdvice<int> { HistogramBucketBoundaries = [10, 100] });
        histogram.Record(5, new KeyValuePair<string, object?>("route", "/b"));
        histogram.Record(50, new KeyValuePair<string, object?>("route", "/a"));
        histogram.Record(10, new KeyValuePair<string, object?>("route", "/a"));
        histogram.Record(1000, new KeyValuePair<string, object?>("route", "/a"));

        _exporter.Render().ShouldBe(
            """
            # TYPE size_bytes histogram
            size_bytes_bucket{route="/a",le="10"} 1
            size_bytes_bucket{route="/a",le="100"} 2
            size_bytes_bucket{route="/a",le="+Inf"} 3
            size_bytes_sum{route="/a"} 1060
            size_bytes_count{route="/a"} 3
            size_bytes_bucket{route="/b",le="10"} 1
            size_bytes_bucket{route="/b",le="100"} 1
            size_bytes_bucket{route="/b",le="+Inf"} 1
            size_bytes_sum{route="/b"} 5
            size_bytes_count{route="/b"} 1

            """.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Render_HistogramWithoutAdvice_UsesDefaultBoundaries()
    {
        _meter.CreateHistogram<double>("latency", "s").Record(7);

        var text = _exporter.Render();

        text.ShouldContain("latency_seconds_bucket{le=\"5\"} 0\n");
        text.ShouldContain("latency_seconds_bucket{le=\"10\"} 1\n");
        text.ShouldContain("latency_seconds_bucket{le=\"10000\"} 1\n");
        text.Split('\n').Count(l => l.StartsWith("latency_seconds_bucket", StringComparison.Ordinal))
            .ShouldBe(PrometheusExporterOptions.OpenTelemetryDefaultBoundaries.Count + 1);
    }

    [Fact]
    public void Render_ObservableLabelSetGone_IsNoLongerExported()
    {
        var round = 0;
        _meter.CreateObservableGauge("queue", () =>
        {
            round++;
            return round == 1
                ? [new Measurement<int>(1, new KeyValuePair<string, object?>("q", "a")), new Measurement<int>(2, new KeyValuePair<string, object?>("q", "b"))]
                : new[] { new Measurement<int>(3, new KeyValuePair<string, object?>("q", "b")) };
        });

        _exporter.Render().ShouldBe("# TYPE queue gauge\nqueue{q=\"a\"} 1\nqueue{q=\"b\"} 2\n");
        _exporter.Render().ShouldBe("# TYPE queue gauge\nqueue{q=\"b\"} 3\n");
    }

    [Fact]
    public void Render_SpecialValues_UsePrometheusSpelling()
    {
        _meter.CreateObservableGauge("inf", () => double.PositiveInfinity);
        _meter.CreateObservableGauge("nan", () => double.NaN);
        _meter.CreateObservableGauge("small", () => 0.000001);

        var text = _exporter.Render();

        text.ShouldContain("inf +Inf\n");
        text.ShouldContain("nan NaN\n");
        text.ShouldContain("small 1E-06\n");
    }

    [Fact]
    public void Render_SeriesOverLimit_AreDropped()
    {
        using var exporter = new PrometheusTextExporter(new PrometheusExporterOptions { MeterFilter = m => m == _meter, MaxSeriesPerInstrument = 2 });
        var counter = _meter.CreateCounter<long>("limited");
        foreach (var user in new[] { "a", "b", "c", "a" })
        {
            counter.Add(1, new KeyValuePair<string, object?>("user", user));
        }

        exporter.Render().ShouldBe("# TYPE limited_total counter\nlimited_total{user=\"a\"} 2\nlimited_total{user=\"b\"} 1\n");
    }

    [Fact]
    public void Render_InstrumentWithoutMeasurements_IsOmitted()
    {
        _meter.CreateCounter<long>("never");

        _exporter.Render().ShouldBeEmpty();
    }

    [Fact]
    public void Render_MeterDisposed_RemovesItsMetrics()
    {
        _meter.CreateCounter<long>("gone").Add(1);
        _exporter.Render().ShouldNotBeEmpty();

        _meter.Dispose();

        _exporter.Render().ShouldBeEmpty();
    }

    [Fact]
    public void Render_DefaultFilter_OnlyFontanaMeters()
    {
        using var other = new Meter("Other.Test");
        var otherCounter = other.CreateCounter<long>("other_metric_for_filter_test");
        var fontanaCounter = _meter.CreateCounter<long>("fontana_metric_for_filter_test");
        using var exporter = new PrometheusTextExporter();
        otherCounter.Add(1);
        fontanaCounter.Add(1);

        var text = exporter.Render();

        text.ShouldContain("fontana_metric_for_filter_test_total 1");
        text.ShouldNotContain("other_metric_for_filter_test");
    }

    [Fact]
    public async Task Render_ConcurrentUpdates_EveryScrapeIsConsistent_AndFinalTotalsExact()
    {
        const int threads = 4;
        const int perThread = 50_000;
        var counter = _meter.CreateCounter<long>("ops");
        var histogram = _meter.CreateHistogram<double>("work", null, null, null, new InstrumentAdvice<double> { HistogramBucketBoundaries = [1, 2, 3] });
        using var start = new Barrier(threads + 1);
        // Dedicated threads: blocking thread-pool threads on a 2-core machine would stall on thread injection.
        var writers = Enumerable.Range(0, threads)
            .Select(t => Task.Factory.StartNew(() => Write(t % 2), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default))
            .ToArray();

        start.SignalAndWait();
        var scrapes = 0;
        var previous = new Dictionary<string, double>();
        while (!writers.All(w => w.IsCompleted) || scrapes == 0)
        {
            CheckScrape(_exporter.Render(), previous);
            scrapes++;
        }

        await Task.WhenAll(writers);
        var final = new Dictionary<string, double>();
        CheckScrape(_exporter.Render(), final);
        final["ops_total{shard=\"0\"}"].ShouldBe(2.0 * perThread);
        final["ops_total{shard=\"1\"}"].ShouldBe(2.0 * perThread);
        final["work_count{shard=\"0\"}"].ShouldBe(2.0 * perThread);
        final["work_sum{shard=\"1\"}"].ShouldBe(2.0 * (perThread / 4) * (0 + 1 + 2 + 3));
        scrapes.ShouldBeGreaterThan(0);

        void Write(int shard)
        {
            start.SignalAndWait();
            for (var i = 0; i < perThread; i++)
            {
                counter.Add(1, new KeyValuePair<string, object?>("shard", shard));
                histogram.Record(i % 4, new KeyValuePair<string, object?>("shard", shard));
            }
        }
    }

    /// <summary>Parses samples; checks counters never decrease between scrapes and each histogram's buckets are
    /// cumulative with <c>+Inf</c> equal to <c>_count</c>.</summary>
    private static void CheckScrape(string text, Dictionary<string, double> previous)
    {
        var samples = text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => !l.StartsWith('#'))
            .Select(l => (Key: l[..l.LastIndexOf(' ')], Value: double.Parse(l[(l.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture)))
            .ToList();
        foreach (var (key, value) in samples)
        {
            if (previous.TryGetValue(key, out var before))
            {
                value.ShouldBeGreaterThanOrEqualTo(before, key);
            }

            previous[key] = value;
        }

        foreach (var shard in new[] { "0", "1" })
        {
            var buckets = samples.Where(s => s.Key.StartsWith($"work_bucket{{shard=\"{shard}\"", StringComparison.Ordinal)).Select(s => s.Value).ToList();
            if (buckets.Count == 0)
            {
                continue;
            }

            buckets.ShouldBe(buckets.Order().ToList());
            buckets[^1].ShouldBe(samples.Single(s => s.Key == $"work_count{{shard=\"{shard}\"}}").Value);
        }
    }
}
