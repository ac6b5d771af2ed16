namespace Fontana.AspNetCore.Tests.Support;

/// <summary>A real ledger behind a node's facilitator endpoints, and a provider settling remotely through them.</summary>
public sealed class RemoteFixture : IAsyncLifetime
{
    private int _nextPayer = -1;

    internal TestChain Chain { get; private set; } = null!;

    internal NodeApp Node { get; private set; } = null!;

    internal ProviderApp Provider { get; private set; } = null!;

    internal int NextPayer() => Interlocked.Increment(ref _nextPayer);

    public async Task InitializeAsync()
    {
        Chain = await TestChain.StartAsync(payerCount: 32);
        Node = await NodeApp.StartAsync(Chain);
        Provider = await ProviderApp.StartAsync(Chain, SettlementMode.Remote, Node.BaseAddress);
    }

    public async Task DisposeAsync()
    {
        await Provider.DisposeAsync();
        await Node.DisposeAsync();
        await Chain.DisposeAsync();
    }
}
