namespace Fontana.Node.Chain;

/// <summary>The ledger is not open yet (start-up) or no longer (shutdown, fail-stop): answered 503 <c>not-ready</c>.</summary>
public sealed class NodeNotReadyException : Exception
{
    public NodeNotReadyException()
        : base("the node's ledger is not open")
    {
    }

    public NodeNotReadyException(string message)
        : base(message)
    {
    }

    public NodeNotReadyException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
