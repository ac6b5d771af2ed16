using System.Buffers;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Http.Features;

namespace Fontana.AspNetCore.PaidCalls;

/// <summary>
/// What request a payment paid for: SHA-256 over the method, the path and query (as sent) and SHA-256 of the body.
/// A replay of the payment for the same fingerprint gets the stored response; for another one it is refused.
/// </summary>
public static class RequestFingerprint
{
    /// <summary>SHA-256 of no bytes: the body hash of a request that cannot have a body.</summary>
    private static readonly byte[] EmptyBodyHash = SHA256.HashData([]);

    /// <summary>Hashes <paramref name="request"/>; the body is buffered so the handler can still read it.</summary>
    /// <remarks>A request that cannot have a body (HTTP/1.1 without Content-Length or Transfer-Encoding, e.g. a plain
    /// GET, as the server reports it) is not buffered: its body hash is that of no bytes, what reading it would give.</remarks>
    public static async ValueTask<string> ComputeAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var target = request.PathBase.Add(request.Path).ToUriComponent() + request.QueryString.ToUriComponent();
        if (request.HttpContext.Features.Get<IHttpRequestBodyDetectionFeature>() is { CanHaveBody: false })
        {
            return Compute(request.Method, target, EmptyBodyHash);
        }

        using var body = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        request.EnableBuffering();
        var buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
            {
                body.AppendData(buffer, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        request.Body.Position = 0;
        return Compute(request.Method, target, body.GetHashAndReset());
    }

    /// <summary>The fingerprint of <paramref name="method"/>, <paramref name="pathAndQuery"/> and a body hash (hex SHA-256).</summary>
    public static string Compute(string method, string pathAndQuery, ReadOnlySpan<byte> bodyHash)
    {
        var text = System.Text.Encoding.UTF8.GetBytes($"{method.ToUpperInvariant()}\n{pathAndQuery}\n{Convert.ToHexStringLower(bodyHash)}");
        return Convert.ToHexStringLower(SHA256.HashData(text));
    }
}
