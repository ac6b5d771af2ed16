using Fontana.Bridge.L1;
using Fontana.Bridge.Simulator;
using Fontana.Core.Bridge;

namespace Fontana.Bridge.Tests.L1;

/// <summary>A simulator on 127.0.0.1 with a funded user and the two clients pointed at it.</summary>
internal sealed class L1Fixture : IAsyncDisposable
{
    public static readonly CelestiaAddress Vault = CelestiaAddress.FromBytes(Enumerable.Repeat((byte)1, 20).ToArray());
    public static readonly CelestiaAddress User = CelestiaAddress.FromBytes(Enumerable.Repeat((byte)2, 20).ToArray());
    public static readonly CelestiaAddress Payee = CelestiaAddress.FromBytes(Enumerable.Repeat((byte)3, 20).ToArray());

    private readonly HttpClient _http = new();

    private L1Fixture(L1Simulator simulator, L1Options options)
    {
        Simulator = simulator;
        Options = options;
        State = new CelestiaStateClient(_http, options, TimeProvider.System);
        Query = new CosmosTxQueryClient(_http, options, TimeProvider.System);
    }

    public L1Simulator Simulator { get; }

    public L1Options Options { get; }

    public CelestiaStateClient State { get; }

    public CosmosTxQueryClient Query { get; }

    public HttpClient Http => _http;

    public static async Task<L1Fixture> StartAsync(string? token = "test-token", int pageSize = 100)
    {
        var simulator = await L1Simulator.StartAsync(new L1SimulatorOptions { Vault = Vault, AuthToken = token });
        simulator.Fund(User, 50_000_000);
        var options = new L1Options
        {
            RpcUrl = simulator.Url.ToString(), RestUrl = simulator.Url.ToString(), GrpcUrl = simulator.GrpcUrl.ToString(),
            AuthToken = token, PageSize = pageSize,
            RequestTimeout = TimeSpan.FromSeconds(10),
        };
        return new L1Fixture(simulator, options);
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await Simulator.DisposeAsync();
    }
}
