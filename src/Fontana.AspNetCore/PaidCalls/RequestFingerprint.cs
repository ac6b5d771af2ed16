using System.Security.Cryptography;

namespace Fontana.AspNetCore.PaidCalls;

/// <summary>
/// What request a payment paid for: SHA-256 over the method, the path and query (as sent) and SHA-256 of the body.
/// A replay of the payment for the same fingerprint gets the stored response; for another one it is refused.
/// </summary>
public static class RequestFingerprint
{
    /// <summary>Hashes <paramref name="request"/>; the body is buffered so the handler can still read it.</summary>
    public static async ValueTask<string> ComputeAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var body = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        request.EnableBuffering();
        var buffer = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            body.AppendData(buffer, 0, read);
        }

        request.Body.Position = 0;
        var target = request.PathBase.Add(request.Path).ToUriComponent() + request.QueryString.ToUriComponent();
        return Compute(request.Method, target, body.GetHashAndReset());
    }

    /// <summary>The fingerprint of <paramref name="method"/>, <paramref name="pathAndQuery"/> and a body hash (hex SHA-256).</summary>
    public static string Compute(string method, string pathAndQuery, ReadOnlySpan<byte> bodyHash)
    {
        var text = System.Text.Encoding.UTF8.GetBytes($"{method.ToUpperInvariant()}\n{pathAndQuery}\n{Convert.ToHexStringLower(bodyHash)}");
        return Convert.ToHexStringLower(SHA256.HashData(text));
    }
}
