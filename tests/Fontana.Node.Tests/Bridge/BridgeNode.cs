using Fontana.Bridge.Simulator;
using Fontana.Core.Bridge;
using Fontana.Node.Bridge;
using Fontana.Node.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Fontana.Node.Tests.Bridge;

/// <summary>A node whose bridge daemons run against an L1 simulator on 127.0.0.1 (the same wire formats as Celestia).</summary>
internal sealed class BridgeNode : IAsyncDisposable
{
    public static readonly CelestiaAddress Vault = CelestiaAddress.FromBytes(Enumerable.Repeat((byte)0xA1, 20).ToArray());
    public static readonly CelestiaAddress Faucet = CelestiaAddress.FromBytes(Enumerable.Repeat((byte)0xF0, 20).ToArray());
    public static readonly CelestiaAddress Payee = CelestiaAddress.FromBytes(Enumerable.Repeat((byte)0x33, 20).ToArray());
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);

    private BridgeNode(L1Simulator l1, TestNode node)
    {
        L1 = l1;
        Node = node;
    }

    public L1Simulator L1 { get; }

    public TestNode Node { get; }

    public BridgeMetrics Metrics => Node.Host.Services.GetRequiredService<BridgeMetrics>();

    public static async Task<BridgeNode> StartAsync(ulong vaultUtia = 0, int confirmations = 2, TimeSpan? blockInterval = null)
    {
        var l1 = await L1Simulator.StartAsync(new L1SimulatorOptions { Vault = Vault, AuthToken = "bridge-test-token" });
        l1.Fund(Faucet, 1_000_000_000);
        if (vaultUtia > 0)
        {
            l1.Fund(Vault, vaultUtia);
        }

        try
        {
            var node = await TestNode.StartAsync(new Dictionary<string, string?>
            {
                ["Fontana:Bridge:L1:VaultAddress"] = Vault.Text,
                ["Fontana:Bridge:L1:RpcUrl"] = l1.Url.ToString(),
                ["Fontana:Bridge:L1:RestUrl"] = l1.Url.ToString(),
                ["Fontana:Bridge:L1:GrpcUrl"] = l1.GrpcUrl.ToString(),
                ["Fontana:Bridge:L1:AuthToken"] = "bridge-test-token",
                ["Fontana:Bridge:L1:Confirmations"] = confirmations.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Fontana:Bridge:L1:PollInterval"] = "00:00:00.050",
                ["Fontana:Bridge:L1:MempoolWindowBlocks"] = "3",
            }, blockInterval ?? TimeSpan.FromMilliseconds(100));
            return new BridgeNode(l1, node);
        }
        catch
        {
            await l1.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Node.DisposeAsync();
        await L1.DisposeAsync();
    }
}
