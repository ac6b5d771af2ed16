namespace Fontana.Node.InProcess;

/// <summary>The node's request pipeline once the host has started (set by <see cref="CapturingServer"/>).</summary>
internal sealed class NodeApplicationHolder
{
    private readonly TaskCompletionSource<INodeApplication> _application = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Set(INodeApplication application) => _application.TrySetResult(application);

    /// <summary>The pipeline; waits for the host to start.</summary>
    public Task<INodeApplication> GetAsync(CancellationToken cancellationToken) => _application.Task.WaitAsync(cancellationToken);
}
