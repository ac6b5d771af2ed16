using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http.Features;

namespace Fontana.Node.InProcess;

/// <summary>
/// Wraps the host's real <see cref="IServer"/> (Kestrel) and keeps the application it is started with, so requests can
/// also be run through the same pipeline in process, without a socket (<see cref="InProcessNode"/>).
/// </summary>
internal sealed class CapturingServer(IServer inner, NodeApplicationHolder holder) : IServer
{
    public IFeatureCollection Features => inner.Features;

    public Task StartAsync<TContext>(IHttpApplication<TContext> application, CancellationToken cancellationToken)
        where TContext : notnull
    {
        holder.Set(new NodeApplication<TContext>(application));
        return inner.StartAsync(application, cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => inner.StopAsync(cancellationToken);

    public void Dispose() => inner.Dispose();
}
