namespace Fontana.Node.Chain;

/// <summary>The ledger is not open yet (start-up) or no longer (shutdown, fail-stop): answered 503 <c>not-ready</c>.</summary>
public sealed class NodeNotReadyException : Exception
{
    /// <summary>The ledger is not open, with a generic message.</summary>
    public NodeNotReadyException()
        : base("the node's ledger is not open")
    {
    }

    /// <summary>The ledger is not open; <paramref name="message"/> says why (starting, stopped, failed).</summary>
    public NodeNotReadyException(string message)
        : base(message)
    {
    }

    /// <summary>The ledger is not open because of <paramref name="innerException"/> (e.g. its fail-stop fault).</summary>
    public NodeNotReadyException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
