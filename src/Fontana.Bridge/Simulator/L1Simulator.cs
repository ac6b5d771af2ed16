using System.Net;
using Fontana.Core.Bridge;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Fontana.Bridge.Simulator;

/// <summary>
/// A local L1 on 127.0.0.1 that speaks the wire formats the bridge uses against Celestia: celestia-node's
/// <c>state</c> JSON-RPC at <c>POST /</c> (<see cref="StateRpcHandler"/>) and the Cosmos SDK REST transaction
/// search at <c>/cosmos/tx/v1beta1/txs</c> (<see cref="TxQueryHandler"/>) on one port, and a consensus node's gRPC
/// gas estimator (<see cref="GasEstimatorService"/>) on a second, HTTP/2-only port (<see cref="GrpcUrl"/>), as a real
/// consensus node serves gRPC apart from REST. The devnet runs it; the tests use it.
/// Users' deposits (a wallet transfer with a memo, which celestia-node's <c>state.Transfer</c> cannot send) come
/// through <see cref="SendWithMemo"/> or <c>POST /simulator/transfer</c>, a simulator-only route.
/// No gas fees are charged, so the vault's balance is exactly deposits − payouts.
/// </summary>
public sealed class L1Simulator : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly SimulatedChain _chain;
    private readonly CancellationTokenSource _stop = new();
    private Task _blocks = Task.CompletedTask;

    private L1Simulator(WebApplication app, SimulatedChain chain, L1SimulatorOptions options, Uri url, Uri grpcUrl)
    {
        _app = app;
        _chain = chain;
        Options = options;
        Url = url;
        GrpcUrl = grpcUrl;
    }

    /// <summary>Base address; the JSON-RPC is at <c>/</c>, the REST API below it.</summary>
    public Uri Url { get; }

    /// <summary>The gRPC address (HTTP/2 without TLS) of the gas estimator.</summary>
    public Uri GrpcUrl { get; }

    /// <summary>The options the simulator was started with (vault address, auth token, state file…).</summary>
    public L1SimulatorOptions Options { get; }

    /// <summary>The simulated chain's current block height.</summary>
    public long Height => _chain.Height;

    /// <summary>Starts the simulator on 127.0.0.1 (port 0 = OS-assigned).</summary>
    public static async Task<L1Simulator> StartAsync(L1SimulatorOptions options, int port = 0)
    {
        ArgumentNullException.ThrowIfNull(options);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Listen(IPAddress.Loopback, port, o => o.Protocols = HttpProtocols.Http1);
            k.Listen(IPAddress.Loopback, 0, o => o.Protocols = HttpProtocols.Http2);
        });
        builder.Logging.ClearProviders();
        builder.Services.AddGrpc();
        builder.Services.AddSingleton(options);
        var app = builder.Build();
        var chain = options.StateFile is { } file ? new SimulatedChain(file) : new SimulatedChain();
        var rpc = new StateRpcHandler(chain, options);
        var rest = new TxQueryHandler(chain, options);
        app.MapPost("/", rpc.HandleAsync);
        app.MapGet("/cosmos/tx/v1beta1/txs", rest.SearchAsync);
        app.MapGet("/cosmos/base/tendermint/v1beta1/blocks/latest", rest.LatestBlockAsync);
        app.MapPost("/simulator/transfer", (SimulatorTransfer t) => TransferRoute(chain, t));
        app.MapGrpcService<GasEstimatorService>();
        await app.StartAsync();
        // Kestrel reports the bound addresses in the order the endpoints were declared above.
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.ToArray();
        var simulator = new L1Simulator(app, chain, options, new Uri(addresses[0].TrimEnd('/') + "/"), new Uri(addresses[1].TrimEnd('/') + "/"));
        if (options.BlockTime is { } every)
        {
            simulator._blocks = simulator.ProduceBlocksEveryAsync(every);
        }

        return simulator;
    }

    /// <summary>Credits <paramref name="address"/> at genesis unless it was credited before (a devnet faucet across restarts).</summary>
    public void FundOnce(CelestiaAddress address, ulong utia)
    {
        if (!_chain.IsFunded(address.Text))
        {
            _chain.Fund(address, utia);
        }
    }

    /// <summary>Credits an account at genesis.</summary>
    public void Fund(CelestiaAddress address, ulong utia) => _chain.Fund(address, utia);

    /// <summary>A user's wallet transfer with a memo (e.g. a deposit to the vault); included in a new block.</summary>
    public string SendWithMemo(CelestiaAddress from, CelestiaAddress to, ulong utia, string memo) =>
        _chain.Transfer(from.Text, to.Text, utia, memo, out var error)?.Hash ?? throw new InvalidOperationException(error);

    /// <summary>Adds empty blocks (confirmations).</summary>
    public void ProduceBlocks(int count) => _chain.ProduceBlocks(count);

    /// <summary>Balance including every included transaction.</summary>
    public ulong BalanceOf(CelestiaAddress address) => _chain.BalanceAtHead(address.Text);

    /// <summary>Every transfer from <paramref name="sender"/> (payouts when it is the vault).</summary>
    public IReadOnlyList<(string Hash, string To, ulong Utia)> TransfersFrom(CelestiaAddress sender) =>
        [.. _chain.Transactions.Where(t => t.From == sender.Text).Select(t => (t.Hash, t.To, t.Utia))];

    internal SimulatedChain Chain => _chain;

    /// <summary>Stops the HTTP server and the block clock.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _blocks;
        _stop.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task ProduceBlocksEveryAsync(TimeSpan every)
    {
        using var timer = new PeriodicTimer(every);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                _chain.ProduceBlocks(1);
            }
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }
    }

    private static IResult TransferRoute(SimulatedChain chain, SimulatorTransfer t)
    {
        if (!CelestiaAddress.TryParse(t.From, out var from, out var e1) || !CelestiaAddress.TryParse(t.To, out var to, out var e2))
        {
            return Results.BadRequest(new { code = 3, message = "bad address" });
        }

        if (!ulong.TryParse(t.Amount, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var utia) || utia == 0)
        {
            return Results.BadRequest(new { code = 3, message = "amount must be a positive decimal string of utia" });
        }

        var tx = chain.Transfer(from.Text, to.Text, utia, t.Memo ?? string.Empty, out var error);
        return tx is null
            ? Results.BadRequest(new { code = 5, message = error })
            : Results.Ok(new { txhash = tx.Hash, height = tx.Height });
    }
}

/// <summary>Body of the simulator-only <c>POST /simulator/transfer</c>.</summary>
public sealed record SimulatorTransfer(string From, string To, string Amount, string? Memo);
