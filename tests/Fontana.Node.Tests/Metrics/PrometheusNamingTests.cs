using Fontana.Node.Metrics;

namespace Fontana.Node.Tests.Metrics;

public class PrometheusNamingTests
{
    [Theory]
    [InlineData("fontana.ledger.tx", "{tx}", true, false, "fontana_ledger_tx_total")]
    [InlineData("fontana.requests.total", null, true, false, "fontana_requests_total")]
    [InlineData("fontana.apply.duration", "s", false, false, "fontana_apply_duration_seconds")]
    [InlineData("fontana.apply.duration.seconds", "s", false, false, "fontana_apply_duration_seconds")]
    [InlineData("fontana.io", "By", true, false, "fontana_io_bytes_total")]
    [InlineData("fontana.throughput", "By/s", false, true, "fontana_throughput_bytes_per_second")]
    [InlineData("fontana.rate", "{tx}/s", false, true, "fontana_rate_per_second")]
    [InlineData("fontana.utilization", "1", false, true, "fontana_utilization_ratio")]
    [InlineData("fontana.hits", "1", true, false, "fontana_hits_total")]
    [InlineData("fontana.weird", "widgets", false, true, "fontana_weird_widgets")]
    [InlineData("9lives", null, false, true, "_9lives")]
    [InlineData("a-b/c::d..e", null, false, true, "a_b_c_d_e")]
    public void MetricName_FollowsConversionRules(string name, string? unit, bool counter, bool gauge, string expected)
    {
        PrometheusNaming.MetricName(name, unit, counter, gauge).ShouldBe(expected);
    }

    [Theory]
    [InlineData("http.method", "http_method")]
    [InlineData("2xx", "_2xx")]
    [InlineData("ok_name", "ok_name")]
    [InlineData("ünïcode", "_n_code")]
    public void LabelName_IsSanitized(string key, string expected)
    {
        PrometheusNaming.LabelName(key).ShouldBe(expected);
    }

    [Theory]
    [InlineData(0d, "0")]
    [InlineData(1d, "1")]
    [InlineData(-2.5, "-2.5")]
    [InlineData(0.1, "0.1")]
    [InlineData(1e21, "1E+21")]
    [InlineData(double.PositiveInfinity, "+Inf")]
    [InlineData(double.NegativeInfinity, "-Inf")]
    [InlineData(double.NaN, "NaN")]
    public void FormatValue_UsesPrometheusSpelling(double value, string expected)
    {
        PrometheusNaming.FormatValue(value).ShouldBe(expected);
    }
}
