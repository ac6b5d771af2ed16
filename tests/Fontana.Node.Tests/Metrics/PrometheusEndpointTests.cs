using System.Diagnostics.Metrics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Fontana.Node.Tests.Metrics;

/// <summary><c>/metrics</c> served by the OpenTelemetry Prometheus exporter: names as before, this host's meters only.</summary>
public class PrometheusEndpointTests
{
    [Fact]
    public async Task MapFontanaMetrics_OverKestrel_ServesThisHostsFontanaMetersUnderTheirNames()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddFontanaTelemetry(new ConfigurationBuilder().Build());
        await using var app = builder.Build();
        app.MapFontanaMetrics();
        await app.StartAsync();
        var meter = app.Services.GetRequiredService<IMeterFactory>().Create("Fontana.Node");
        meter.CreateCounter<long>("fontana_endpoint_test_total", description: "Calls seen by the endpoint test.").Add(7);
        meter.CreateHistogram<double>("fontana_endpoint_test_seconds", unit: "s").Record(0.25);
        meter.CreateObservableGauge("fontana_endpoint_test_height", () => 42L);
        using var otherHost = new ServiceCollection().AddMetrics().BuildServiceProvider();
        otherHost.GetRequiredService<IMeterFactory>().Create("Fontana.Node").CreateCounter<long>("fontana_other_host_total").Add(1);
        using var global = new Meter("Fontana.Node");
        global.CreateCounter<long>("fontana_global_meter_total").Add(1);

        using var client = new HttpClient { BaseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()) };
        using var response = await client.GetAsync(new Uri("/metrics", UriKind.Relative));

        response.EnsureSuccessStatusCode();
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/plain");
        var body = await response.Content.ReadAsStringAsync();
        body.ShouldContain("# TYPE fontana_endpoint_test_total counter");
        body.ShouldContain("fontana_endpoint_test_total{otel_scope_name=\"Fontana.Node\"} 7");
        body.ShouldContain("fontana_endpoint_test_seconds_bucket{otel_scope_name=\"Fontana.Node\",le=\"+Inf\"} 1");
        body.ShouldContain("fontana_endpoint_test_height{otel_scope_name=\"Fontana.Node\"} 42");
        body.ShouldNotContain("fontana_other_host");
        body.ShouldNotContain("fontana_global_meter");
        await app.StopAsync();
    }
}
