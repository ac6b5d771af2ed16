using Fontana.Core;
using Fontana.Core.Crypto;
using Fontana.Sdk.Payments;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Fontana.Sdk.Tests.Support;

/// <summary>An in-test node with the in-test priced endpoint <c>/paid</c> and a free <c>/free</c>, plus a wallet.</summary>
internal sealed class PaidApiFixture : IAsyncDisposable
{
    private PaidApiFixture(InTestNode node, InTestProvider provider)
    {
        Node = node;
        Provider = provider;
    }

    public InTestNode Node { get; }

    public InTestProvider Provider { get; }

    public InTestLedger Ledger => Node.Ledger;

    public PrivateKey Wallet { get; } = PrivateKey.Generate();

    public Address WalletAddress => new(Wallet.PublicKey);

    public Uri Url(string path) => new(Node.BaseAddress, path);

    public static async Task<PaidApiFixture> StartAsync()
    {
        var ledger = new InTestLedger();
        var provider = new InTestProvider(ledger);
        var node = await InTestNode.StartAsync(ledger, app =>
        {
            provider.Map(app);
            app.MapGet("/free", () => Results.Text("free"));
        });
        return new PaidApiFixture(node, provider);
    }

    public FontanaPayerOptions Options(Action<FontanaPayerOptions>? configure = null)
    {
        var options = new FontanaPayerOptions
        {
            NodeUrl = Node.BaseAddress,
            SigningKey = Wallet,
            RefreshInterval = TimeSpan.Zero,
            UseStream = false,
        };
        configure?.Invoke(options);
        return options;
    }

    public (FontanaPayer Payer, HttpClient Http) CreatePayer(Action<FontanaPayerOptions>? configure = null)
    {
        var payer = new FontanaPayer(Options(configure));
        var http = new HttpClient(new PaymentHandler(payer) { InnerHandler = new SocketsHttpHandler() });
        return (payer, http);
    }

    public ValueTask DisposeAsync() => Node.DisposeAsync();
}
