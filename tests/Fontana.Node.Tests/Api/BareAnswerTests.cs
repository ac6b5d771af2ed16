using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Fontana.Core.Errors;
using Fontana.Node.Tests.Support;

namespace Fontana.Node.Tests.Api;

/// <summary>
/// Answers the framework used to give without a body — unmatched routes, wrong methods, wrong content types — are
/// problem+json with a code; bodies that are not UTF-8 JSON, or name a property twice, are refused with a code.
/// </summary>
public sealed class BareAnswerTests : IAsyncLifetime
{
    private TestNode _node = null!;

    public async Task InitializeAsync() => _node = await TestNode.StartAsync();

    public async Task DisposeAsync() => await _node.DisposeAsync();

    private HttpClient Http => _node.Http;

    [Theory]
    [InlineData("v1/nothing-here")]
    [InlineData("v2/info")]
    public async Task UnmatchedRoute_NotFoundProblem(string path)
    {
        var response = await Http.GetAsync(path);

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound, ErrorCodes.NotFound);
    }

    [Fact]
    public async Task WrongMethod_MethodNotAllowedProblem_WithAllow()
    {
        var response = await Http.DeleteAsync("v1/info");

        await response.ShouldBeProblemAsync(HttpStatusCode.MethodNotAllowed, ErrorCodes.MethodNotAllowed);
        response.Content.Headers.Allow.ShouldContain("GET");
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/xml")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("application/json; charset=utf-16")]
    [InlineData("application/json; charset=iso-8859-1")]
    public async Task Submit_NotUtf8Json_UnsupportedMediaTypeProblem(string contentType)
    {
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes("{\"transaction\": \"AAAA\"}"));
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);

        var response = await Http.PostAsync("v1/transactions", content);

        await response.ShouldBeProblemAsync(HttpStatusCode.UnsupportedMediaType, ErrorCodes.UnsupportedMediaType);
    }

    [Fact]
    public async Task Submit_NoContentType_UnsupportedMediaTypeProblem()
    {
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes("{\"transaction\": \"AAAA\"}"));

        var response = await Http.PostAsync("v1/transactions", content);

        await response.ShouldBeProblemAsync(HttpStatusCode.UnsupportedMediaType, ErrorCodes.UnsupportedMediaType);
    }

    [Theory]
    [InlineData("application/json; charset=utf-8")]
    [InlineData("application/json; charset=\"UTF-8\"")]
    [InlineData("application/json")]
    public async Task Submit_Utf8JsonContentTypes_AreRead(string contentType)
    {
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes("{\"transaction\": \"***not base64***\"}"));
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);

        var response = await Http.PostAsync("v1/transactions", content);

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, ErrorCodes.BadBase64); // read, then refused for its content
    }

    [Fact]
    public async Task Submit_DuplicateKey_MalformedJson_NothingApplied()
    {
        var transfer = _node.Transfer(0, _node.OwnerAddress, Core.Amount.FromTia(1));
        var tx = TestNode.Base64(transfer);
        using var content = new StringContent($"{{\"transaction\": \"{tx}\", \"transaction\": \"{tx}\"}}", Encoding.UTF8, "application/json");

        var response = await Http.PostAsync("v1/transactions", content);

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, ErrorCodes.MalformedJson);
        (await Http.GetAsync($"v1/transactions/{transfer.TxId}"))
            .StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task AnswersWithABody_AreLeftAsTheyAre()
    {
        var response = await Http.GetAsync("v1/transactions/" + new string('0', 64));

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound, ErrorCodes.NotFound);
        (await response.Content.ReadAsStringAsync()).ShouldNotContain("no route");
    }
}
