using System.Net;
using Fontana.Core.Api;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http.Features;

namespace Fontana.Node.InProcess;

/// <summary>
/// Builds an HTTP context from features held in memory (request, response, body, lifetime, connection from
/// 127.0.0.1), runs it through the captured <see cref="IHttpApplication{TContext}"/>, and returns status, body and
/// content type — what Kestrel would have written to the socket. The approach of ASP.NET Core's TestHost
/// (<c>src/Hosting/TestHost/src/HttpContextBuilder.cs</c>), reduced to buffered requests.
/// </summary>
internal sealed class NodeApplication<TContext>(IHttpApplication<TContext> application) : INodeApplication
    where TContext : notnull
{
    public async Task<NodeApiResponse> SendAsync(string method, string path, ReadOnlyMemory<byte> jsonBody, CancellationToken cancellationToken)
    {
        var query = path.IndexOf('?', StringComparison.Ordinal);
        var requestBody = new MemoryStream(jsonBody.ToArray(), writable: false);
        var request = new HttpRequestFeature
        {
            Method = method,
            Scheme = "http",
            Protocol = "HTTP/1.1",
            PathBase = string.Empty,
            Path = "/" + (query < 0 ? path : path[..query]).TrimStart('/'),
            QueryString = query < 0 ? string.Empty : path[query..],
            RawTarget = "/" + path.TrimStart('/'),
            Body = requestBody,
        };
        request.Headers.Host = "in-process";
        if (!jsonBody.IsEmpty)
        {
            request.Headers.ContentType = "application/json";
            request.Headers.ContentLength = jsonBody.Length;
        }

        using var responseBody = new MemoryStream();
        var response = new HttpResponseFeature();
        var features = new FeatureCollection();
        features.Set<IHttpRequestFeature>(request);
        features.Set<IHttpResponseFeature>(response);
        features.Set<IHttpResponseBodyFeature>(new StreamResponseBodyFeature(responseBody));
        features.Set<IHttpRequestLifetimeFeature>(new HttpRequestLifetimeFeature { RequestAborted = cancellationToken });
        features.Set<IHttpConnectionFeature>(new HttpConnectionFeature
        {
            ConnectionId = "in-process",
            RemoteIpAddress = IPAddress.Loopback,
            LocalIpAddress = IPAddress.Loopback,
        });

        var context = application.CreateContext(features);
        try
        {
            await application.ProcessRequestAsync(context);
        }
        catch (Exception ex)
        {
            application.DisposeContext(context, ex);
            throw;
        }

        application.DisposeContext(context, null);
        var contentType = response.Headers.ContentType.ToString();
        return new NodeApiResponse(response.StatusCode, responseBody.ToArray(), contentType.Length == 0 ? null : contentType);
    }
}
