using System.Text;
using Fontana.AspNetCore.PaidCalls;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Fontana.AspNetCore.Tests.PaidCalls;

public sealed class RequestFingerprintTests
{
    [Fact]
    public async Task ComputeAsync_RequestThatCannotHaveABody_SameAsAnEmptyBufferedBody()
    {
        var withoutBody = Request("GET", "/weather", "?city=Paris", body: null);
        var emptyBody = Request("GET", "/weather", "?city=Paris", body: string.Empty);

        (await RequestFingerprint.ComputeAsync(withoutBody, CancellationToken.None))
            .ShouldBe(await RequestFingerprint.ComputeAsync(emptyBody, CancellationToken.None));
    }

    [Fact]
    public async Task ComputeAsync_DifferentBodies_Differ()
    {
        var first = await RequestFingerprint.ComputeAsync(Request("POST", "/echo", string.Empty, "a"), CancellationToken.None);
        var second = await RequestFingerprint.ComputeAsync(Request("POST", "/echo", string.Empty, "b"), CancellationToken.None);

        first.ShouldNotBe(second);
    }

    [Fact]
    public async Task ComputeAsync_BodyStillReadableByTheHandler()
    {
        var request = Request("POST", "/echo", string.Empty, "hello");

        await RequestFingerprint.ComputeAsync(request, CancellationToken.None);

        (await new StreamReader(request.Body).ReadToEndAsync()).ShouldBe("hello");
    }

    [Fact]
    public async Task ComputeAsync_DifferentQuery_Differs()
    {
        var paris = await RequestFingerprint.ComputeAsync(Request("GET", "/weather", "?city=Paris", null), CancellationToken.None);
        var rome = await RequestFingerprint.ComputeAsync(Request("GET", "/weather", "?city=Rome", null), CancellationToken.None);

        paris.ShouldNotBe(rome);
    }

    private static HttpRequest Request(string method, string path, string query, string? body)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = method;
        context.Request.Path = path;
        context.Request.QueryString = new QueryString(query);
        if (body is null)
        {
            context.Features.Set<IHttpRequestBodyDetectionFeature>(new NoBody());
        }
        else
        {
            context.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes(body));
        }

        return context.Request;
    }

    private sealed class NoBody : IHttpRequestBodyDetectionFeature
    {
        public bool CanHaveBody => false;
    }
}
