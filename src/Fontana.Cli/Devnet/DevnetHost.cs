using System.Security.Cryptography;
using Fontana.AspNetCore.Demo;
using Fontana.Cli.Infrastructure;
using Fontana.Core;
using Fontana.Ledger.Genesis;
using Fontana.Node.Chain;
using Fontana.Sdk.Wallet;

namespace Fontana.Cli.Devnet;

/// <summary>
/// The devnet: a node (SQLite + local DA under the data dir, default <c>~/.fontana/devnet</c>) whose genesis funds
/// the local wallet, on 127.0.0.1. The first start creates the wallet (when missing), the keys and the genesis; later
/// starts resume the same chain.
/// <para>It also serves the demo paid API <c>GET /demo/fortune</c> (0.001 TIA), settled on the node's own ledger and
/// paid to a demo provider wallet kept in the data dir (<c>provider.key</c>), so a first paid call shows money moving.</para>
/// </summary>
internal static class DevnetHost
{
    public const string DefaultDataDir = "~/.fontana/devnet";
    public const string ChainId = "fontana-devnet";
    public const int AllocationCount = 10;
    public static readonly Amount AllocationAmount = Amount.FromTia(100);
    public static readonly Amount MinFee = Amount.FromUtia(100);
    public const string ProviderWalletFile = "provider.key";
    public const string DashboardKeyFile = "dashboard.key";
    public const string DashboardPath = "/provider";

    /// <summary>Creates what is missing (wallet, keys, genesis, bridge key) and returns the chain.</summary>
    public static async Task<DevnetChain> PrepareAsync(DevnetSettings settings, CancellationToken cancellationToken)
    {
        var createdWallet = false;
        if (!File.Exists(settings.WalletPath))
        {
            using var created = WalletKeyFile.Create(settings.WalletPath, Environment.GetEnvironmentVariable(CliWallet.PassphraseVariable));
            createdWallet = true;
        }

        var address = new Address(WalletKeyFile.ReadPublicKey(settings.WalletPath));
        var genesisPath = Path.Combine(settings.DataDir, ChainSetup.GenesisFile);
        var createdChain = !File.Exists(genesisPath);
        var genesis = createdChain
            ? await ChainSetup.CreateAsync(settings.DataDir, ChainId,
                Enumerable.Range(0, AllocationCount).Select(_ => new GenesisAllocation(address, AllocationAmount)).ToArray(),
                settings.BlockInterval, MinFee, TimeProvider.System, cancellationToken)
            : await GenesisDocument.LoadAsync(genesisPath, cancellationToken);
        return new DevnetChain(genesis, address, LoadOrCreateKey(settings.DataDir, BridgeClient.DevnetKeyFile),
            LoadOrCreateKey(settings.DataDir, DashboardKeyFile), createdChain, createdWallet);
    }

    /// <summary>The devnet's web application: the node (and whatever the demo hook adds), listening on 127.0.0.1.</summary>
    public static WebApplication Build(DevnetSettings settings, DevnetChain chain, Fontana.Bridge.Simulator.L1Simulator l1)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Fontana:DataDir"] = settings.DataDir,
            ["Fontana:BlockInterval"] = settings.BlockInterval.ToString("c", System.Globalization.CultureInfo.InvariantCulture),
            ["Fontana:Bridge:ApiKey"] = chain.BridgeKey,
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Fontana"] = "Information",
            ["Logging:LogLevel:Fontana.Node.Hosting.BlockProducer"] = "Warning",
            // Start-up chatter (ledger open, poster started) is in the banner already; warnings and errors still show.
            ["Logging:LogLevel:Fontana.Node.Chain.NodeLedger"] = "Warning",
            ["Logging:LogLevel:Fontana.Node.Hosting.DaPoster"] = "Warning",
        });
        builder.Configuration.AddInMemoryCollection(DevnetL1.NodeSettings(l1, chain.Genesis));
        builder.WebHost.UseUrls($"http://127.0.0.1:{settings.Port}");
        CliHost.ConfigureLogging(builder.Logging);
        builder.Services.AddFontanaNode(builder.Configuration);
        AddDemoProvider(builder.Services, settings.DataDir);
        var app = builder.Build();
        app.MapFontanaNode();
        app.MapDemoFortune();
        app.MapX402Discovery();
        app.MapFontanaProviderDashboard(chain.DashboardKey, DashboardPath);
        return app;
    }

    /// <summary>The demo provider: paid to its own wallet in the data dir, challenges signed with that wallet's key,
    /// settlement on this process's ledger.</summary>
    private static void AddDemoProvider(IServiceCollection services, string dataDir)
    {
        var providerWallet = Path.Combine(dataDir, ProviderWalletFile);
        if (!File.Exists(providerWallet))
        {
            using var created = WalletKeyFile.Create(providerWallet);
        }

        services.AddFontanaInProcessSettlement();
        services.AddFontanaPayments(o =>
        {
            o.PayTo = new Address(WalletKeyFile.ReadPublicKey(providerWallet)).ToString();
            o.ChainId = ChainId;
            o.ChallengeKeyFile = providerWallet;
        });
    }

    private static string LoadOrCreateKey(string dataDir, string file)
    {
        var path = Path.Combine(dataDir, file);
        if (File.Exists(path))
        {
            return File.ReadAllText(path).Trim();
        }

        var key = "devnet-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var writer = new StreamWriter(new FileStream(path, options)))
        {
            writer.WriteLine(key);
        }

        return key;
    }
}
