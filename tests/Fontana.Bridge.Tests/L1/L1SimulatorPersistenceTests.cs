using Fontana.Bridge.Simulator;

namespace Fontana.Bridge.Tests.L1;

public sealed class L1SimulatorPersistenceTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("fontana-l1sim-").FullName;

    [Fact]
    public async Task StateFile_Restart_KeepsHeightBalancesAndTransactions()
    {
        var file = Path.Combine(_dir, "l1.json");
        string hash;
        long height;
        await using (var first = await L1Simulator.StartAsync(new L1SimulatorOptions { Vault = L1Fixture.Vault, StateFile = file }))
        {
            first.FundOnce(L1Fixture.User, 1_000);
            hash = first.SendWithMemo(L1Fixture.User, L1Fixture.Vault, 400, "fnt1memo");
            first.ProduceBlocks(3);
            height = first.Height;
        }

        await using var second = await L1Simulator.StartAsync(new L1SimulatorOptions { Vault = L1Fixture.Vault, StateFile = file });
        second.FundOnce(L1Fixture.User, 1_000); // already funded: not again

        second.Height.ShouldBe(height);
        second.BalanceOf(L1Fixture.User).ShouldBe(600UL);
        second.BalanceOf(L1Fixture.Vault).ShouldBe(400UL);
        second.Chain.Transactions.Single().Hash.ShouldBe(hash);
    }

    [Fact]
    public async Task BlockTime_ProducesEmptyBlocksOnItsOwn()
    {
        await using var simulator = await L1Simulator.StartAsync(new L1SimulatorOptions { Vault = L1Fixture.Vault, BlockTime = TimeSpan.FromMilliseconds(20) });
        var start = simulator.Height;

        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (simulator.Height < start + 3 && clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            await Task.Delay(20);
        }

        simulator.Height.ShouldBeGreaterThanOrEqualTo(start + 3);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
