using System.Net;
using System.Text.Json;
using Fontana.AspNetCore.Tests.Support;
using Fontana.Core;
using Fontana.Core.Crypto;
using Fontana.Core.Errors;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Fontana.AspNetCore.Tests.Payments;

/// <summary>
/// The provider's error answers go through the host's <see cref="IProblemDetailsService"/> (the one writer): the
/// host's customization applies, and the answer carries the catalogue's code, status and <c>type</c>.
/// </summary>
public sealed class ProblemWriterTests : IAsyncLifetime
{
    private WebApplication _app = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        using var key = PrivateKey.Generate();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = c => c.ProblemDetails.Extensions["host"] = "customized");
        builder.Services.AddFontanaPayments(o =>
        {
            o.PayTo = new Address(PrivateKey.Generate().PublicKey).ToString();
            o.ChainId = TestChain.ChainId;
            o.ChallengeKeySeed = Convert.ToHexString(key.ExportSeed());
            o.Settlement = SettlementMode.Remote;
            o.NodeUrl = "http://127.0.0.1:9";
        });
        _app = builder.Build();
        _app.MapGet("/weather", () => Results.Ok()).RequirePayment("0.001 TIA");
        await _app.StartAsync();
        _client = new HttpClient { BaseAddress = new Uri(_app.Urls.First()) };
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task MalformedPayment_Answer_IsWrittenByTheHostsProblemDetailsService()
    {
        using var response = await _client.GetPaidAsync("/weather", "not base64 !!!");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = json.RootElement;
        root.GetProperty("code").GetString().ShouldBe(ErrorCodes.BadBase64);
        root.GetProperty("type").GetString().ShouldBe(ErrorCatalog.TypeFor(ErrorCodes.BadBase64));
        root.GetProperty("status").GetInt32().ShouldBe(400);
        root.GetProperty("host").GetString().ShouldBe("customized");
    }

    [Fact]
    public async Task MalformedPayment_AcceptHtml_StillAnswersProblemJson()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/weather");
        request.Headers.TryAddWithoutValidation("PAYMENT-SIGNATURE", "not base64 !!!");
        request.Headers.TryAddWithoutValidation("Accept", "text/html");

        using var response = await _client.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        json.RootElement.GetProperty("code").GetString().ShouldBe(ErrorCodes.BadBase64);
    }
}
