using Fontana.AspNetCore.Settlement;
using Microsoft.Extensions.Options;

namespace Fontana.AspNetCore.Sessions;

/// <summary>
/// Where the provider's session ledger finds the node: an <see cref="ISessionDirectory"/> and <see cref="IPaymentLedger"/>
/// registered in this process (the node hosted here), else, with <see cref="SettlementMode.Remote"/>, the remote node at
/// <see cref="FontanaProviderOptions.NodeUrl"/>.
/// </summary>
internal sealed class SessionNode(IServiceProvider services, IOptions<FontanaProviderOptions> provider)
{
    private readonly Lazy<RemoteSessionNode?> _remote = new(() =>
        provider.Value.Settlement == SettlementMode.Remote && provider.Value.NodeUrl is { } url
            ? new RemoteSessionNode(services.GetRequiredService<IHttpClientFactory>(), new Uri(url))
            : null);

    /// <summary>The session directory; throws when there is none (sessions need a node).</summary>
    public ISessionDirectory Directory => services.GetService<ISessionDirectory>() ?? _remote.Value ?? throw new InvalidOperationException(
        $"sessions need a node: host it in this process (Fontana.Node registers an {nameof(ISessionDirectory)}) or set " +
        $"{FontanaProviderOptions.SectionName}:Settlement to Remote with a NodeUrl");

    /// <summary>Where claims go, or null when no ledger is reachable.</summary>
    public IPaymentLedger? Ledger => services.GetService<IPaymentLedger>() ?? _remote.Value;
}
