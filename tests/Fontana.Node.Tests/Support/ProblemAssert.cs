using System.Net;
using System.Text.Json;

namespace Fontana.Node.Tests.Support;

/// <summary>Asserts an RFC 9457 problem answer: status, media type and the <c>code</c> extension.</summary>
internal static class ProblemAssert
{
    public static async Task ShouldBeProblemAsync(this HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(status, body);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        using var doc = JsonDocument.Parse(body);
        doc.RootElement.GetProperty("code").GetString().ShouldBe(code, body);
        doc.RootElement.GetProperty("status").GetInt32().ShouldBe((int)status);
    }
}
