namespace Fontana.DataAvailability.Tests.Support;

/// <summary>How <see cref="FakeCelestiaNode"/> fails a call when told to.</summary>
public enum FakeFailure
{
    /// <summary>HTTP 500 with a plain-text body (a proxy or a crashing node).</summary>
    Http500,

    /// <summary>The connection is aborted without an answer.</summary>
    ConnectionReset,

    /// <summary>No answer for a long time (the client's timeout must fire).</summary>
    Hang,

    /// <summary>A method error as go-jsonrpc sends it: HTTP 200, <c>{"error": {"code": 1, "message": "…tx mempool is full"}}</c>.</summary>
    RpcError,

    /// <summary>The call is carried out (a submit lands) but the connection is aborted before the answer.</summary>
    LoseAnswer,
}
