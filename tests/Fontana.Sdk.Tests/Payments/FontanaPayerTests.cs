using System.Net;
using Fontana.Core;
using Fontana.Core.Crypto;
using Fontana.Core.Transactions;
using Fontana.Sdk.Payments;
using Fontana.Sdk.Receipts;
using Fontana.Sdk.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Fontana.Sdk.Tests.Payments;

public sealed class FontanaPayerTests : IAsyncLifetime
{
    private PaidApiFixture _api = null!;

    public async Task InitializeAsync() => _api = await PaidApiFixture.StartAsync();

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task RefreshAsync_DepositAndSpendElsewhere_CacheAndFundsFollowTheNode()
    {
        var first = _api.Ledger.Fund(_api.WalletAddress, Amount.FromUtia(5_000));
        using var payer = new FontanaPayer(_api.Options());
        await payer.InitializeAsync();
        payer.AvailableFunds.ShouldBe(Amount.FromUtia(5_000));

        _api.Ledger.Fund(_api.WalletAddress, Amount.FromUtia(7_000));
        var elsewhere = new TransactionBuilder(InTestLedger.ChainId).AddInput(first)
            .AddOutput(new Address(PrivateKey.Generate().PublicKey), Amount.FromUtia(4_900)).WithFee(Amount.FromUtia(100)).Sign(_api.Wallet);
        _api.Ledger.Submit(elsewhere).Receipt.ShouldNotBeNull();
        await payer.RefreshAsync();

        payer.AvailableFunds.ShouldBe(Amount.FromUtia(7_000));
        payer.Utxos.Count.ShouldBe(1);
        payer.Utxos.TryGet(first, out _).ShouldBeFalse();
    }

    [Fact]
    public async Task PeriodicRefresh_ExternalDeposit_ShowsUpWithoutAsking()
    {
        using var payer = new FontanaPayer(_api.Options(o => o.RefreshInterval = TimeSpan.FromMilliseconds(100)));
        await payer.InitializeAsync();

        _api.Ledger.Fund(_api.WalletAddress, Amount.FromUtia(3_000));

        await Eventually.TrueAsync(() => payer.AvailableFunds == Amount.FromUtia(3_000));
    }

    [Fact]
    public async Task Stream_TransferToTheWallet_RefreshesWithoutPolling()
    {
        using var payer = new FontanaPayer(_api.Options(o => o.UseStream = true));
        await payer.InitializeAsync();
        await Eventually.TrueAsync(() => _api.Node.StreamSubscribers == 1, because: "the payer subscribes to its address");

        var other = PrivateKey.Generate();
        var coin = _api.Ledger.Fund(new Address(other.PublicKey), Amount.FromUtia(10_000));
        var gift = new TransactionBuilder(InTestLedger.ChainId).AddInput(coin)
            .AddOutput(_api.WalletAddress, Amount.FromUtia(9_900)).WithFee(Amount.FromUtia(100)).Sign(other);
        using var client = _api.Node.CreateClient();
        await client.SubmitTransactionAsync(Fontana.Core.Encoding.TransactionCodec.Encode(gift));

        await Eventually.TrueAsync(() => payer.AvailableFunds == Amount.FromUtia(9_900), because: "the stream event triggers a refresh");
    }

    [Fact]
    public async Task AddFontanaPayments_NamedClients_PayFromTheirOwnPayer()
    {
        _api.Ledger.Fund(_api.WalletAddress, Amount.FromUtia(50_000));
        var services = new ServiceCollection();
        services.AddHttpClient("paid").AddFontanaPayments(o =>
        {
            o.NodeUrl = _api.Node.BaseAddress;
            o.SigningKey = _api.Wallet;
            o.UseStream = false;
        });
        services.AddHttpClient("other").AddFontanaPayments(o =>
        {
            o.NodeUrl = _api.Node.BaseAddress;
            o.SigningKey = PrivateKey.Generate();
            o.UseStream = false;
        });
        await using var provider = services.BuildServiceProvider();
        var http = provider.GetRequiredService<IHttpClientFactory>().CreateClient("paid");

        using var response = await http.GetAsync(_api.Url("/paid"));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.GetFontanaReceipt().ShouldNotBeNull();
        provider.GetFontanaPayer("paid").PaymentCount.ShouldBe(1);
        provider.GetFontanaPayer("other").ShouldNotBeSameAs(provider.GetFontanaPayer("paid"));
        await Should.ThrowAsync<InsufficientFundsException>(() => provider.GetRequiredService<IHttpClientFactory>().CreateClient("other").GetAsync(_api.Url("/paid")));
    }

    [Fact]
    public async Task CallPaidApiAsync_OneOffFromNodeClient_PaysAndReturnsReceipt()
    {
        _api.Ledger.Fund(_api.WalletAddress, Amount.FromUtia(50_000));
        using var client = _api.Node.CreateClient();

        using var response = await client.CallPaidApiAsync(_api.Wallet, new HttpRequestMessage(HttpMethod.Post, _api.Url("/paid")) { Content = new StringContent("x") });

        (await response.Content.ReadAsStringAsync()).ShouldBe("paid:x");
        response.GetFontanaReceipt()!.ReceiptVerified.ShouldBeTrue();
    }

    [Fact]
    public async Task CallPaidApiAsync_WalletFile_LoadsKeyAndPays()
    {
        var directory = Directory.CreateTempSubdirectory("fontana-sdk-wallet-").FullName;
        try
        {
            var path = Path.Combine(directory, "wallet.key");
            Address address;
            using (var created = Fontana.Sdk.Wallet.WalletKeyFile.Create(path, "secret"))
            {
                address = created.Address;
            }

            _api.Ledger.Fund(address, Amount.FromUtia(50_000));
            using var payer = new FontanaPayer(new FontanaPayerOptions
            {
                NodeUrl = _api.Node.BaseAddress,
                WalletPath = path,
                WalletPassphrase = "secret",
                UseStream = false,
            });

            using var response = await payer.CallPaidApiAsync(_api.Url("/paid"));

            response.StatusCode.ShouldBe(HttpStatusCode.OK);
            payer.Address.ShouldBe(address);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void Options_NoWallet_ValidationNamesTheKey()
    {
        var ex = Should.Throw<ArgumentException>(() => new FontanaPayer(new FontanaPayerOptions()));
        ex.Message.ShouldContain("Fontana:Payments:WalletPath");
    }
}
