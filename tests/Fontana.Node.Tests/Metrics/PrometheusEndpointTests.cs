using System.Diagnostics.Metrics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Fontana.Node.Tests.Metrics;

public class PrometheusEndpointTests
{
    [Fact]
    public async Task MapPrometheusMetrics_OverKestrel_ServesTextFormatWithThisHostsMeters()
    {
        await using var app = Build(out var meterName);
        var meter = app.Services.GetRequiredService<IMeterFactory>().Create(meterName);
        meter.CreateCounter<long>("fontana.endpoint.test", "{call}", "Calls seen by the endpoint test.").Add(7);
        using var otherHostFactory = new ServiceCollection().AddMetrics().BuildServiceProvider();
        otherHostFactory.GetRequiredService<IMeterFactory>().Create(meterName).CreateCounter<long>("fontana.other.host").Add(1);
        await app.StartAsync();

        using var client = new HttpClient { BaseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()) };
        using var response = await client.GetAsync(new Uri("/metrics", UriKind.Relative));

        response.EnsureSuccessStatusCode();
        response.Content.Headers.ContentType!.ToString().ShouldBe("text/plain; version=0.0.4; charset=utf-8");
        var body = await response.Content.ReadAsStringAsync();
        body.ShouldContain("# HELP fontana_endpoint_test_total Calls seen by the endpoint test.\n# TYPE fontana_endpoint_test_total counter\nfontana_endpoint_test_total 7\n");
        body.ShouldNotContain("fontana_other_host");
        await app.StopAsync();
    }

    [Fact]
    public async Task MapPrometheusMetrics_WithoutAddPrometheusMetrics_Throws()
    {
        var builder = WebApplication.CreateSlimBuilder();
        await using var app = builder.Build();

        Should.Throw<InvalidOperationException>(() => app.MapPrometheusMetrics()).Message.ShouldContain("AddPrometheusMetrics");
    }

    private static WebApplication Build(out string meterName)
    {
        var name = "Fontana.EndpointTest." + Guid.NewGuid().ToString("N");
        meterName = name;
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddPrometheusMetrics(o => o.MeterFilter = m => m.Name == name);
        var app = builder.Build();
        app.MapPrometheusMetrics();
        return app;
    }
}
