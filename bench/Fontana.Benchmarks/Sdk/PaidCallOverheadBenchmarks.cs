using BenchmarkDotNet.Attributes;
using Fontana.Core;
using Fontana.Core.Crypto;
using Fontana.Sdk;
using Fontana.Sdk.Payments;
using Fontana.Sdk.Receipts;

namespace Fontana.Benchmarks.Sdk;

/// <summary>
/// The SDK's own cost of one paid call (BRIEF §6, issue 13 item 6): 402 → offer → coin → sign → retry → settle, against
/// an in-memory node and provider (<see cref="InMemoryPaidApi"/>), from a wallet of <see cref="Outputs"/> outputs,
/// one call at a time. <see cref="UnpaidCall"/> is the same client with no payment, the floor of the pipeline.
/// The setup checks that a call is really paid (receipt, txid) before anything is measured.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(ThroughputConfig))]
public class PaidCallOverheadBenchmarks
{
    private PrivateKey _key = null!;
    private FontanaPayer _payer = null!;
    private HttpClient _paid = null!;
    private HttpClient _unpaid = null!;
    private FontanaClient _node = null!;

    /// <summary>Outputs in the wallet: whole-wallet work per call shows as cost growing with this.</summary>
    [Params(10, 10_000)]
    public int Outputs { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _key = PrivateKey.Generate();
        var api = new InMemoryPaidApi(new Address(_key.PublicKey), Outputs, Amount.FromTia(1), Amount.FromUtia(1_000));
        _node = new FontanaClient(new HttpClient(api, disposeHandler: false) { BaseAddress = InMemoryPaidApi.NodeUrl });
        _payer = new FontanaPayer(_node, new FontanaPayerOptions
        {
            NodeUrl = InMemoryPaidApi.NodeUrl,
            SigningKey = _key,
            UseStream = false,
            RefreshInterval = TimeSpan.Zero,
        });
        _paid = new HttpClient(new PaymentHandler(_payer) { InnerHandler = api });
        _unpaid = new HttpClient(api, disposeHandler: false);
        _payer.InitializeAsync().GetAwaiter().GetResult();
        using var response = PaidCall();
        if (response.GetFontanaReceipt() is not { } receipt || receipt.Price != Amount.FromUtia(1_000) || _payer.Utxos.Count != Outputs)
        {
            throw new InvalidOperationException("setup: the call was not paid as expected");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _paid.Dispose();
        _unpaid.Dispose();
        _payer.Dispose();
        _node.Dispose();
        _key.Dispose();
    }

    [Benchmark]
    public HttpResponseMessage PaidCall()
    {
        var response = _paid.GetAsync(InMemoryPaidApi.PaidUrl).GetAwaiter().GetResult();
        response.Dispose();
        return response;
    }

    [Benchmark(Baseline = true)]
    public HttpResponseMessage UnpaidCall()
    {
        var response = _unpaid.GetAsync(InMemoryPaidApi.FreeUrl).GetAwaiter().GetResult();
        response.Dispose();
        return response;
    }
}
