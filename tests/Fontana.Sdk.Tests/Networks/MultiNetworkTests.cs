using System.Net;
using Fontana.Core;
using Fontana.Core.Crypto;
using Fontana.Sdk.Networks;
using Fontana.Sdk.Receipts;
using Fontana.Sdk.Tests.Integration;
using Fontana.Sdk.Tests.Support;

namespace Fontana.Sdk.Tests.Networks;

/// <summary>One <see cref="FontanaNetworkClient"/> over two real chains (two nodes with different chain ids on
/// 127.0.0.1, each with its provider): calls on both, the offer picked on a network with funds, and the errors.</summary>
[Collection(IntegrationCollection.Name)]
public sealed class MultiNetworkTests
{
    [Theory]
    [InlineData(NodeTransportKind.Http)]
    [InlineData(NodeTransportKind.WebSocket)]
    public async Task PaidCalls_ProvidersOnTwoChains_OneClientPaysBoth(NodeTransportKind transport)
    {
        using var key = PrivateKey.Generate();
        var address = new Address(key.PublicKey);
        await using var alpha = await LiveChain.StartAsync([new(address, Amount.FromTia(1))], "alpha-net");
        await using var beta = await LiveChain.StartAsync([new(address, Amount.FromTia(2))], "beta-net");
        var options = Options(key, ("alpha", alpha), ("beta", beta));
        options.Networks["beta"].Transport = transport;
        using var client = new FontanaNetworkClient(options);

        for (var i = 0; i < 5; i++)
        {
            using var onAlpha = await client.CallPaidApiAsync(alpha.Url("paid"));
            using var onBeta = await client.CallPaidApiAsync(beta.Url("paid"));
            onAlpha.StatusCode.ShouldBe(HttpStatusCode.OK);
            onBeta.StatusCode.ShouldBe(HttpStatusCode.OK);
            onAlpha.GetFontanaReceipt().ShouldNotBeNull();
            onBeta.GetFontanaReceipt().ShouldNotBeNull();
        }

        (await alpha.BalanceAsync(alpha.PayTo)).ShouldBe(LiveChain.Price * 5);
        (await beta.BalanceAsync(beta.PayTo)).ShouldBe(LiveChain.Price * 5);
        client.Networks["fontana:alpha-net"].Payer.PaymentCount.ShouldBe(5);
        client.Networks["fontana:beta-net"].Payer.PaymentCount.ShouldBe(5);
        (await client.Wallet.GetBalanceAsync("fontana:alpha-net")).ShouldBe(Amount.FromTia(1) - ((LiveChain.Price + LiveChain.MinFee) * 5));
        (await client.Wallet.GetBalanceAsync("beta")).ShouldBe(Amount.FromTia(2) - ((LiveChain.Price + LiveChain.MinFee) * 5));
        (await client.Wallet.GetOutputsAsync()).Sum(o => (long)o.Amount.Utia).ShouldBe((long)(await client.Wallet.GetBalanceAsync("alpha")).Utia);
        client.DefaultNetwork.Id.ShouldBe("fontana:alpha-net");
    }

    [Fact]
    public async Task PaidCall_OffersOnBothChains_PaysOnTheNetworkWithFunds()
    {
        using var key = PrivateKey.Generate();
        var address = new Address(key.PublicKey);
        await using var alpha = await LiveChain.StartAsync([], "alpha-net");
        await using var beta = await LiveChain.StartAsync([new(address, Amount.FromTia(1))], "beta-net");
        await using var both = await TwoChainProxy.StartAsync(alpha, beta);
        using var client = new FontanaNetworkClient(Options(key, ("alpha", alpha), ("beta", beta)));

        using var response = await client.CallPaidApiAsync(new Uri(both.BaseAddress, "paid"));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await beta.BalanceAsync(beta.PayTo)).ShouldBe(LiveChain.Price);
        (await alpha.BalanceAsync(alpha.PayTo)).ShouldBe(Amount.Zero);
        client.Networks["fontana:alpha-net"].Payer.PaymentCount.ShouldBe(0);
    }

    [Fact]
    public async Task PaidCall_NoNetworkHasFunds_InsufficientFundsNamingEachNetwork_NothingPaid()
    {
        using var key = PrivateKey.Generate();
        await using var alpha = await LiveChain.StartAsync([], "alpha-net");
        await using var beta = await LiveChain.StartAsync([], "beta-net");
        await using var both = await TwoChainProxy.StartAsync(alpha, beta);
        using var client = new FontanaNetworkClient(Options(key, ("alpha", alpha), ("beta", beta)));

        var error = await Should.ThrowAsync<InsufficientFundsException>(() => client.CallPaidApiAsync(new Uri(both.BaseAddress, "paid")));

        error.Code.ShouldBe("insufficient-funds");
        error.Message.ShouldContain("fontana:alpha-net has 0 TIA free");
        error.Message.ShouldContain("fontana:beta-net has 0 TIA free");
        (await alpha.BalanceAsync(alpha.PayTo)).ShouldBe(Amount.Zero);
        (await beta.BalanceAsync(beta.PayTo)).ShouldBe(Amount.Zero);
    }

    [Fact]
    public async Task PaidCall_ProviderOnANetworkTheClientDoesNotHold_UnknownNetwork()
    {
        using var key = PrivateKey.Generate();
        var address = new Address(key.PublicKey);
        await using var alpha = await LiveChain.StartAsync([new(address, Amount.FromTia(1))], "alpha-net");
        await using var gamma = await LiveChain.StartAsync([new(address, Amount.FromTia(1))], "gamma-net");
        using var client = new FontanaNetworkClient(Options(key, ("alpha", alpha)));

        var error = await Should.ThrowAsync<FontanaPaymentException>(() => client.CallPaidApiAsync(gamma.Url("paid")));

        error.Code.ShouldBe("unknown-network");
        error.Message.ShouldContain("fontana:gamma-net");
        error.Message.ShouldContain("this client holds fontana:alpha-net");
        Should.Throw<FontanaPaymentException>(() => client.GetNetwork("fontana:gamma-net")).Code.ShouldBe("unknown-network");
        (await gamma.BalanceAsync(gamma.PayTo)).ShouldBe(Amount.Zero);
    }

    [Fact]
    public async Task PaidCall_OfferedNetworksNodesDown_PaysOnTheOtherNetwork_OrNodeUnreachableNamingTheNode()
    {
        using var key = PrivateKey.Generate();
        var address = new Address(key.PublicKey);
        await using var alpha = await LiveChain.StartAsync([new(address, Amount.FromTia(1))], "alpha-net");
        await using var beta = await LiveChain.StartAsync([new(address, Amount.FromTia(1))], "beta-net");
        await using var both = await TwoChainProxy.StartAsync(alpha, beta);
        await using var gone = await NodeReplica.StartAsync(alpha);
        var deadNode = gone.BaseAddress.ToString();
        await gone.KillAsync();
        var options = Options(key, ("alpha", alpha), ("beta", beta));
        options.Networks["alpha"].Nodes = [new FontanaNetworkNodeOptions { Url = deadNode }];
        options.Networks["alpha"].Failover.MaxAttempts = 2;
        using var client = new FontanaNetworkClient(options);

        using var response = await client.CallPaidApiAsync(new Uri(both.BaseAddress, "paid"));
        var error = await Should.ThrowAsync<FontanaApiException>(() => client.CallPaidApiAsync(alpha.Url("paid")));

        response.StatusCode.ShouldBe(HttpStatusCode.OK, "alpha's offer comes first, but its node is down: paid on beta");
        (await beta.BalanceAsync(beta.PayTo)).ShouldBe(LiveChain.Price);
        error.Code.ShouldBe("node-unreachable");
        error.Message.ShouldContain(deadNode);
        (await alpha.BalanceAsync(alpha.PayTo)).ShouldBe(Amount.Zero);
    }

    [Fact]
    public async Task FirstUse_NodeServesAnotherChain_NetworkMismatch()
    {
        using var key = PrivateKey.Generate();
        await using var alpha = await LiveChain.StartAsync([], "alpha-net");
        var options = Options(key, ("alpha", alpha));
        options.Networks["alpha"].ChainId = "other-net";
        using var client = new FontanaNetworkClient(options);

        var error = await Should.ThrowAsync<FontanaApiException>(() => client.InitializeAsync());

        error.Code.ShouldBe("network-mismatch");
        error.Message.ShouldContain("alpha-net");
    }

    [Fact]
    public async Task Marketplace_OnTheClient_ReadsAProvidersCatalogOnAHeldNetwork()
    {
        using var key = PrivateKey.Generate();
        await using var provider = await Marketplace.CatalogProviderHost.StartAsync();
        var options = new FontanaNetworksOptions();
        options.Networks["catalog"] = new FontanaNetworkOptions
        {
            ChainId = Marketplace.CatalogProviderHost.ChainId,
            Nodes = [new FontanaNetworkNodeOptions { Url = "http://127.0.0.1:9/" }],
            SigningKey = key,
            Failover = new FailoverOptions { HealthCheckInterval = TimeSpan.Zero },
        };
        using var client = new FontanaNetworkClient(options);

        var catalog = await client.Marketplace.GetCatalogAsync(provider.BaseAddress);

        catalog.Resources.Count.ShouldBe(3);
        catalog.Networks.ShouldAllBe(n => client.Networks.ContainsKey(n));
    }

    internal static FontanaNetworksOptions Options(PrivateKey key, params (string Name, LiveChain Chain)[] chains)
    {
        var options = new FontanaNetworksOptions { DefaultNetwork = chains[0].Name };
        foreach (var (name, chain) in chains)
        {
            options.Networks[name] = new FontanaNetworkOptions
            {
                ChainId = chain.Id,
                Nodes = [new FontanaNetworkNodeOptions { Url = chain.BaseAddress.ToString() }],
                SigningKey = key,
                ConfigurePayer = p => p.UseStream = false,
                Failover = new FailoverOptions { HealthCheckInterval = TimeSpan.Zero },
            };
        }

        return options;
    }
}
