using System.Net;
using System.Net.Http.Json;
using Fontana.Core.Api;
using Fontana.Ledger.Genesis;
using Fontana.Node.Tests.Support;

namespace Fontana.Node.Tests.Api;

/// <summary><c>GET /v1/genesis</c>: the document a client can check against a genesis hash it trusts.</summary>
public sealed class GenesisEndpointTests : IAsyncLifetime
{
    private TestNode _node = null!;

    public async Task InitializeAsync() => _node = await TestNode.StartAsync();

    public async Task DisposeAsync() => await _node.DisposeAsync();

    [Fact]
    public async Task Genesis_HashesToTheChainsGenesisHash_AndCarriesTheSequencerKey()
    {
        var response = await _node.Http.GetAsync("v1/genesis");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/json");
        var served = GenesisDocument.Parse(await response.Content.ReadAsStringAsync());
        var info = await _node.Http.GetFromJsonAsync("v1/info", ApiJsonContext.Default.NodeInfo);
        served.Hash.ToString().ShouldBe(info!.GenesisHash);
        response.Headers.GetValues("Fontana-Genesis-Hash").ShouldHaveSingleItem().ShouldBe(info.GenesisHash);
        served.SequencerPublicKey.ToString().ShouldBe(info.SequencerPublicKey);
        served.ToCanonicalBytes().ShouldBe(_node.Genesis.ToCanonicalBytes());
    }

    [Fact]
    public async Task BlockZero_PreviousHashIsTheGenesisHash()
    {
        var header = await _node.Http.GetFromJsonAsync("v1/headers/0", ApiJsonContext.Default.HeaderDto);

        header!.PreviousHash.ShouldBe(_node.Genesis.Hash.ToString());
    }
}
