namespace Fontana.AspNetCore.Tests.Support;

/// <summary>One real ledger and one provider settling in process, shared by a test class; each test takes its own payer.</summary>
public sealed class InProcessFixture : IAsyncLifetime
{
    private int _nextPayer = -1;

    internal TestChain Chain { get; private set; } = null!;

    internal ProviderApp Provider { get; private set; } = null!;

    /// <summary>A payer index no other test of the class uses.</summary>
    internal int NextPayer() => Interlocked.Increment(ref _nextPayer);

    public async Task InitializeAsync()
    {
        Chain = await TestChain.StartAsync(payerCount: 64);
        Provider = await ProviderApp.StartAsync(Chain);
    }

    public async Task DisposeAsync()
    {
        await Provider.DisposeAsync();
        await Chain.DisposeAsync();
    }
}
