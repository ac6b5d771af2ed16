namespace Fontana.DataAvailability.Celestia;

/// <summary>
/// How a caller of <see cref="CelestiaNodeRpc"/> names each kind of failure in its own error catalogue (the DA layer's
/// <c>da-*</c> codes, the bridge's <c>l1-*</c> codes). Each method returns the exception to throw.
/// </summary>
public interface ICelestiaRpcFailures
{
    /// <summary>No answer within the request timeout, or the node could not be reached (transient).</summary>
    Exception Unreachable(string message, Exception cause);

    /// <summary>The node refused the bearer token (HTTP 401 or 403).</summary>
    Exception Refused(string message);

    /// <summary>A non-2xx answer that carries no JSON-RPC error object (a proxy, a protocol error; transient).</summary>
    Exception HttpStatus(string method, int status);

    /// <summary>An answer that is not the JSON-RPC 2.0 response to the request sent.</summary>
    Exception BadResponse(string method, string reason);

    /// <summary>A JSON-RPC error object: the method failed on the node; <paramref name="code"/> is null when absent.</summary>
    Exception RpcError(string method, long? code, string message);
}
