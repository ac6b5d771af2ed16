using Fontana.AspNetCore.Payments;
using Fontana.AspNetCore.Tests.Support;
using Fontana.Core;
using Fontana.Core.Crypto;
using Fontana.Sdk.Wallet;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Fontana.AspNetCore.Tests.Payments;

public sealed class FontanaProviderOptionsTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("fontana-options-").FullName;
    private readonly FontanaProviderOptionsValidator _validator = new();

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Validate_CompleteOptions_Succeeds() => _validator.Validate(null, Valid()).Succeeded.ShouldBeTrue();

    [Theory]
    [InlineData("PayTo", "", "Fontana:Provider:PayTo is required")]
    [InlineData("PayTo", "fnt1notanaddress", "Fontana:Provider:PayTo")]
    [InlineData("ChainId", "Bad Chain", "Fontana:Provider:ChainId")]
    [InlineData("ChallengeKeySeed", "abcd", "Fontana:Provider:ChallengeKeySeed")]
    [InlineData("ChallengeKeyFile", "/no/such/file", "Fontana:Provider:ChallengeKeyFile")]
    [InlineData("NodeUrl", "ftp://node", "Fontana:Provider:NodeUrl")]
    [InlineData("LedgerUrl", "not a url", "Fontana:Provider:LedgerUrl")]
    public void Validate_BadValue_FailsNamingTheKey(string key, string value, string expected)
    {
        var options = Valid();
        typeof(FontanaProviderOptions).GetProperty(key)!.SetValue(options, value);

        var result = _validator.Validate(null, options);

        result.Failed.ShouldBeTrue();
        result.FailureMessage!.ShouldContain(expected);
    }

    [Fact]
    public void Validate_RemoteWithoutNodeUrl_FailsNamingNodeUrl()
    {
        var options = Valid();
        options.Settlement = SettlementMode.Remote;

        _validator.Validate(null, options).FailureMessage!.ShouldContain("Fontana:Provider:NodeUrl is required");
    }

    [Fact]
    public void Validate_ChallengeLifetimeOutOfRange_Fails()
    {
        var options = Valid();
        options.ChallengeLifetime = TimeSpan.FromHours(2);

        _validator.Validate(null, options).FailureMessage!.ShouldContain("Fontana:Provider:ChallengeLifetime");
    }

    [Fact]
    public async Task StartAsync_InvalidOptions_FailsAtStartUp()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddFontanaPayments(o => o.ChainId = "fontana-test");
        await using var app = builder.Build();

        var error = await Should.ThrowAsync<OptionsValidationException>(() => app.StartAsync());

        error.Message.ShouldContain("Fontana:Provider:PayTo");
    }

    [Fact]
    public async Task StartAsync_InProcessWithoutLedger_FailsAtStartUp()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddFontanaPayments(o =>
        {
            o.ChainId = "fontana-test";
            o.PayTo = new Address(PrivateKey.Generate().PublicKey).ToString();
        });
        await using var app = builder.Build();

        var error = await Should.ThrowAsync<InvalidOperationException>(() => app.StartAsync());

        error.Message.ShouldContain("IPaymentLedger");
    }

    [Fact]
    public async Task StartAsync_ChargeAttributeOnMinimalApi_FailsInsteadOfServingFree()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<Fontana.AspNetCore.Settlement.IPaymentSettler>(new UnusedSettler());
        builder.Services.AddFontanaPayments(o =>
        {
            o.ChainId = "fontana-test";
            o.PayTo = new Address(PrivateKey.Generate().PublicKey).ToString();
        });
        await using var app = builder.Build();
        app.MapGet("/lambda", [Charge("0.001 TIA")] () => "free?");

        var error = await Should.ThrowAsync<InvalidOperationException>(() => app.StartAsync());

        error.Message.ShouldContain("RequirePayment");
    }

    [Fact]
    public void LoadChallengeKey_HexSeedFile_LoadsThatKey()
    {
        using var key = PrivateKey.Generate();
        var path = Path.Combine(_directory, "challenge.hex");
        File.WriteAllText(path, Convert.ToHexString(key.ExportSeed()) + "\n");

        using var loaded = ChallengeKeyLoader.Load(Valid(o => o.ChallengeKeyFile = path));

        loaded.PublicKey.ShouldBe(key.PublicKey);
    }

    [Fact]
    public void LoadChallengeKey_SdkWalletFile_LoadsThatKey()
    {
        var path = Path.Combine(_directory, "wallet.key");
        using var wallet = WalletKeyFile.Create(path);

        using var loaded = ChallengeKeyLoader.Load(Valid(o => o.ChallengeKeyFile = path));

        loaded.PublicKey.ShouldBe(wallet.PublicKey);
    }

    [Fact]
    public void Validate_EncryptedWalletFile_FailsSayingSo()
    {
        var path = Path.Combine(_directory, "encrypted.key");
        using (WalletKeyFile.Create(path, passphrase: "correct horse"))
        {
        }

        _validator.Validate(null, Valid(o => o.ChallengeKeyFile = path)).FailureMessage!.ShouldContain("encrypted");
    }

    [Fact]
    public void LoadChallengeKey_NothingConfigured_MakesARandomKey()
    {
        using var first = ChallengeKeyLoader.Load(Valid());
        using var second = ChallengeKeyLoader.Load(Valid());

        first.PublicKey.ShouldNotBe(second.PublicKey);
    }

    private static FontanaProviderOptions Valid(Action<FontanaProviderOptions>? change = null)
    {
        var options = new FontanaProviderOptions { PayTo = new Address(PrivateKey.Generate().PublicKey).ToString(), ChainId = TestChain.ChainId };
        change?.Invoke(options);
        return options;
    }

    private sealed class UnusedSettler : Fontana.AspNetCore.Settlement.IPaymentSettler
    {
        public ValueTask<Fontana.AspNetCore.Settlement.SettleOutcome> SettleAsync(
            Fontana.AspNetCore.Settlement.PaymentToSettle payment, CancellationToken cancellationToken) => throw new NotSupportedException();
    }
}
