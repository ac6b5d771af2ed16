using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Fontana.AspNetCore.Tests.Support;
using Fontana.Core;
using Fontana.Sdk;
using Fontana.Sdk.Payments;
using Fontana.Sdk.Sessions;

namespace Fontana.AspNetCore.Tests.Dashboard;

/// <summary>The provider dashboard's JSON on a real node + provider: its key, paid calls and payment sessions.</summary>
public sealed class ProviderDashboardApiTests
{
    private const string Stats = "fontana/dashboard/api/stats";

    [Theory]
    [InlineData(null)]
    [InlineData("wrong-key")]
    public async Task Stats_WithoutTheKey_Returns401Problem(string? key)
    {
        await using var node = await FullNodeApp.StartAsync();
        using var http = new HttpClient { BaseAddress = node.BaseAddress };
        if (key is not null)
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        using var response = await http.GetAsync(Stats);

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await response.Content.ReadAsStringAsync()).ShouldContain("unauthorized");
    }

    [Fact]
    public async Task Stats_AfterAPaidCall_CountsItAndHasNoSessionsWhenTheHostTakesNone()
    {
        await using var node = await FullNodeApp.StartAsync();
        using var payer = node.CreatePayer(node.Consumer);
        using var client = new HttpClient(new PaymentHandler(payer) { InnerHandler = new SocketsHttpHandler() }) { BaseAddress = node.BaseAddress };
        (await client.GetAsync("weather")).EnsureSuccessStatusCode();

        var stats = await ReadStatsAsync(node, "?key=" + FullNodeApp.DashboardKey);

        stats.GetProperty("paid").GetInt64().ShouldBe(1);
        stats.GetProperty("revenueUtia").GetString().ShouldBe("1000");
        stats.GetProperty("topPayers")[0].GetProperty("payer").GetString().ShouldBe(payer.Address.ToString());
        stats.GetProperty("sessions").ValueKind.ShouldBe(JsonValueKind.Null);
    }

    [Fact]
    public async Task Stats_WithSessions_ShowsTheOpenSessionAndWhatItsCallsWereCharged()
    {
        await using var node = await FullNodeApp.StartAsync(sessions: true);
        using var nodeClient = new FontanaClient(node.BaseAddress);
        using var session = await new SessionOpener(nodeClient, node.Consumer).OpenAsync(node.ProviderKey.PublicKey, Amount.FromTia(1), TimeSpan.FromHours(1));
        using var client = new HttpClient(new SessionPaymentHandler(session, Amount.FromUtia(1000)) { InnerHandler = new SocketsHttpHandler() }) { BaseAddress = node.BaseAddress };
        for (var i = 0; i < 5; i++)
        {
            using var response = await client.GetAsync("weather");
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        var sessions = (await ReadStatsAsync(node, string.Empty)).GetProperty("sessions");

        sessions.GetProperty("open").GetInt32().ShouldBe(1);
        sessions.GetProperty("closed").GetInt32().ShouldBe(0);
        sessions.GetProperty("chargedUtia").GetString().ShouldBe("5000");
        var row = sessions.GetProperty("sessions").EnumerateArray().ShouldHaveSingleItem();
        row.GetProperty("id").GetString().ShouldBe(session.Id.ToString());
        row.GetProperty("payer").GetString().ShouldBe(new Address(node.Consumer.PublicKey).ToString());
        row.GetProperty("depositUtia").GetString().ShouldBe("1000000");
        row.GetProperty("chargedUtia").GetString().ShouldBe("5000");
        row.GetProperty("reservedUtia").GetString().ShouldBe("0");
    }

    [Fact]
    public async Task Sessions_MvcChargeAction_ChargesSucceededCallsAndReleasesEveryHold()
    {
        await using var node = await FullNodeApp.StartAsync(sessions: true);
        using var nodeClient = new FontanaClient(node.BaseAddress);
        using var session = await new SessionOpener(nodeClient, node.Consumer).OpenAsync(node.ProviderKey.PublicKey, Amount.FromTia(1), TimeSpan.FromHours(1));
        using var client = new HttpClient(new SessionPaymentHandler(session, Amount.FromUtia(3000)) { InnerHandler = new SocketsHttpHandler() }) { BaseAddress = node.BaseAddress };

        for (var i = 0; i < 3; i++)
        {
            using var response = await client.GetAsync("mvc/weather");
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
            response.Headers.Contains(Fontana.Core.X402.X402Headers.PaymentResponse).ShouldBeTrue("the session receipt is on the MVC response");
        }

        using (var failed = await client.GetAsync("mvc/boom"))
        {
            failed.StatusCode.ShouldBe(HttpStatusCode.InternalServerError);
        }

        var sessions = (await ReadStatsAsync(node, string.Empty)).GetProperty("sessions");
        sessions.GetProperty("chargedUtia").GetString().ShouldBe("3000", "three calls of 0.001 TIA; the failed call is not charged");
        sessions.GetProperty("sessions")[0].GetProperty("reservedUtia").GetString().ShouldBe("0", "every call's hold was completed");
    }

    private static async Task<JsonElement> ReadStatsAsync(FullNodeApp node, string query)
    {
        using var http = new HttpClient { BaseAddress = node.BaseAddress };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", FullNodeApp.DashboardKey);
        using var response = await http.GetAsync(Stats + query);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.Clone();
    }
}
