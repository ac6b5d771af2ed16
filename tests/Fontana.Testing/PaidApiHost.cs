using Fontana.AspNetCore;
using Fontana.Core;
using Fontana.Core.Crypto;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Fontana.Testing;

/// <summary>A provider on real Kestrel (127.0.0.1, OS-assigned port) that settles remotely through a node's x402
/// facilitator and is paid into its own fresh wallet (never the caller's: that would be <c>pay-to-self</c>).</summary>
public static class PaidApiHost
{
    /// <summary>Starts a provider for chain <paramref name="chainId"/> settling through <paramref name="nodeUrl"/>;
    /// <paramref name="map"/> adds its (paid) endpoints, <paramref name="services"/> more services (e.g. sessions).</summary>
    public static async Task<(KestrelHost Host, Address PayTo)> StartAsync(
        string nodeUrl, string chainId, Action<WebApplication> map, Action<IServiceCollection>? services = null)
    {
        using var payee = PrivateKey.Generate();
        var payTo = new Address(payee.PublicKey);
        var host = await KestrelHost.StartAsync(
            new Dictionary<string, string?>(),
            builder =>
            {
                builder.Services.AddFontanaPayments(o =>
                {
                    o.PayTo = payTo.ToString();
                    o.ChainId = chainId;
                    o.Settlement = SettlementMode.Remote;
                    o.NodeUrl = nodeUrl;
                    o.ChallengeKey = PrivateKey.Generate();
                });
                services?.Invoke(builder.Services);
            },
            map);
        return (host, payTo);
    }
}
