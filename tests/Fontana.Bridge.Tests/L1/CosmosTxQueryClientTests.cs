using System.Net;
using Fontana.Bridge.L1;
using Fontana.Core.Errors;

namespace Fontana.Bridge.Tests.L1;

public sealed class CosmosTxQueryClientTests
{
    [Fact]
    public async Task TransfersTo_ManyPages_AllInOrderWithMemos()
    {
        await using var l1 = await L1Fixture.StartAsync(pageSize: 2);
        var hashes = Enumerable.Range(1, 5).Select(i => l1.Simulator.SendWithMemo(L1Fixture.User, L1Fixture.Vault, (ulong)i, $"memo-{i}")).ToList();
        l1.Simulator.SendWithMemo(L1Fixture.User, L1Fixture.Payee, 99, "not to the vault");

        var found = await l1.Query.TransfersToAsync(L1Fixture.Vault.Text, 1, CancellationToken.None);

        found.Select(t => t.TxHash).ShouldBe(hashes);
        found.Select(t => t.Memo).ShouldBe(Enumerable.Range(1, 5).Select(i => $"memo-{i}"));
        found.ShouldAllBe(t => t.From == L1Fixture.User.Text && t.MessageIndex == 0 && t.Code == 0);
        found[2].Utia.ShouldBe(3ul);
    }

    [Fact]
    public async Task TransfersTo_FromHeight_OnlyLaterBlocks()
    {
        await using var l1 = await L1Fixture.StartAsync();
        l1.Simulator.SendWithMemo(L1Fixture.User, L1Fixture.Vault, 1, "old");
        var from = l1.Simulator.Height + 1;
        l1.Simulator.SendWithMemo(L1Fixture.User, L1Fixture.Vault, 2, "new");

        var found = await l1.Query.TransfersToAsync(L1Fixture.Vault.Text, from, CancellationToken.None);

        found.Single().Memo.ShouldBe("new");
        (await l1.Query.LatestHeightAsync(CancellationToken.None)).ShouldBe(l1.Simulator.Height);
    }

    [Fact]
    public async Task Search_IndexingDisabled_L1IndexDisabledPermanent()
    {
        await using var l1 = await L1Fixture.StartAsync();
        l1.Simulator.Options.IndexingDisabled = true;

        var e = await Should.ThrowAsync<L1Exception>(() => l1.Query.TransfersToAsync(L1Fixture.Vault.Text, 1, CancellationToken.None));

        e.Code.ShouldBe(ErrorCodes.L1IndexDisabled);
        e.IsTransient.ShouldBeFalse();
        e.Message.ShouldContain("indexer");
    }

    [Fact]
    public async Task Search_NodeDown_L1Unavailable()
    {
        await using var l1 = await L1Fixture.StartAsync();
        l1.Simulator.Options.Down = true;

        var e = await Should.ThrowAsync<L1Exception>(() => l1.Query.TransfersFromAsync(L1Fixture.Vault.Text, 1, CancellationToken.None));

        e.Code.ShouldBe(ErrorCodes.L1Unavailable);
    }

    [Fact]
    public async Task Simulator_EventsParameter_Http500LikeSdk050()
    {
        await using var l1 = await L1Fixture.StartAsync();

        using var response = await l1.Http.GetAsync(new Uri(l1.Simulator.Url, "cosmos/tx/v1beta1/txs?events=transfer.recipient%3D%27x%27"));

        response.StatusCode.ShouldBe(HttpStatusCode.InternalServerError);
    }

    [Fact]
    public async Task Simulator_SearchAnswer_TotalIsStringPaginationNull()
    {
        await using var l1 = await L1Fixture.StartAsync();
        l1.Simulator.SendWithMemo(L1Fixture.User, L1Fixture.Vault, 1, "m");

        var json = await l1.Http.GetStringAsync(new Uri(l1.Simulator.Url,
            $"cosmos/tx/v1beta1/txs?query={Uri.EscapeDataString($"transfer.recipient='{L1Fixture.Vault.Text}'")}&page=1&limit=10"));

        json.ShouldContain("\"total\":\"1\"");
        json.ShouldContain("\"pagination\":null");
        json.ShouldContain("\"height\":\"");
    }
}
