using System.Diagnostics.Metrics;
using Fontana.Core;
using Fontana.Core.Api;
using Fontana.Core.Blocks;
using Fontana.Core.Crypto;
using Fontana.Sdk.Diagnostics;
using Fontana.Sdk.Monitor;
using Fontana.Sdk.Permissions;
using Fontana.Sdk.Receipts;
using Fontana.Sdk.Store;
using Fontana.Sdk.Utxos;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Fontana.Sdk.Payments;

/// <summary>
/// Pays x402 challenges from one wallet, safely under heavy concurrency: keeps the wallet's outputs in an
/// <see cref="IUtxoCache"/> (refreshed from the node periodically and on stream activity), locks one output per call,
/// splits large outputs just in time when calls queue up, signs the payment transaction and retries the request
/// with <c>PAYMENT-SIGNATURE</c>. Use it through <see cref="PaymentHandler"/> (an <see cref="HttpClient"/> handler),
/// <c>services.AddHttpClient(...).AddFontanaPayments(...)</c>, or <see cref="CallPaidApiAsync(HttpRequestMessage, Amount?, CancellationToken)"/>.
/// One payer per wallet: a provider that also pays uses its own wallet and payer.
/// </summary>
public sealed class FontanaPayer : IDisposable, IAsyncDisposable
{
    private readonly FontanaPayerOptions _options;
    private readonly bool _ownsNode;
    private readonly PrivateKey _key;
    private readonly Wallet.WalletKeyFile? _ownedWallet;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SdkMetrics _metrics;
    private readonly UtxoAllocator _allocator;
    private readonly NodeSplitExecutor _splitter;
    private readonly UtxoSynchronizer _synchronizer;
    private readonly PaymentFlow _flow;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _gate = new();
    private readonly Lazy<HttpClient> _paidHttp;
    private readonly Sessions.SessionPayer? _sessions;
    private readonly SharedUtxoCache? _shared;
    private ChainInfo? _chain;
    private Task? _initialization;
    private Task? _refresh;
    private int _disposed;
    private long _lastActivityTicks;

    /// <summary>Creates a payer with its own node client for <see cref="FontanaPayerOptions.NodeUrl"/>.</summary>
    public FontanaPayer(FontanaPayerOptions options, TimeProvider? timeProvider = null, ILoggerFactory? loggerFactory = null, IMeterFactory? meterFactory = null)
        : this(new FontanaClient(ValidateAndGetNodeUrl(options)), options, timeProvider, loggerFactory, meterFactory, null, ownsNode: true)
    {
    }

    /// <summary>Creates a payer that talks to the node through <paramref name="node"/>, optionally over a given cache.</summary>
    public FontanaPayer(
        FontanaClient node, FontanaPayerOptions options, TimeProvider? timeProvider = null, ILoggerFactory? loggerFactory = null,
        IMeterFactory? meterFactory = null, IUtxoCache? cache = null)
        : this(node, options, timeProvider, loggerFactory, meterFactory, cache, ownsNode: false)
    {
    }

    private FontanaPayer(
        FontanaClient node, FontanaPayerOptions options, TimeProvider? timeProvider, ILoggerFactory? loggerFactory,
        IMeterFactory? meterFactory, IUtxoCache? cache, bool ownsNode)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Node = node;
        _ownsNode = ownsNode;
        _options = options;
        _key = ResolveKey(options, out _ownedWallet);
        Address = new Address(_key.PublicKey);
        _time = timeProvider ?? TimeProvider.System;
        _logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger("Fontana.Sdk");
        _metrics = new SdkMetrics(meterFactory);
        Store = options.Store;
        if (cache is null && Store is not null && options.ShareOutputsThroughStore)
        {
            _shared = new SharedUtxoCache(new InMemoryUtxoCache(), new CoinLeases(Store, options.CoinLeaseDuration, _time, _logger));
        }

        Utxos = cache ?? _shared ?? (IUtxoCache)new InMemoryUtxoCache();
        _splitter = new NodeSplitExecutor(node, _key, () => Chain, options.ConfirmationTimeout, _time, options.VerifyReceipts);
        _synchronizer = new UtxoSynchronizer(this, options.RefreshInterval, options.UseStream, _time, _logger);
        _allocator = new UtxoAllocator(
            Utxos, _splitter, options.SplitStrategy, options.LockTimeout, _time, _metrics, _logger, RefreshAsync, _synchronizer.RememberOwn);
        if (_shared is not null)
        {
            // Coins a batch claim tried but did not take are free again: calls that found them locked meanwhile look again.
            _shared.OutputsReturned = () => _allocator.SignalAvailability(null);
        }

        Permissions = options.SpendingPolicy ?? Store?.CreateSpendingPolicy(_time) ?? new SpendingPolicy(_time);
        var resolver = new PaymentResolver(node, Utxos, new PaymentJournal(Store, _time), _time, _metrics, _logger, _stopping.Token);
        _flow = new PaymentFlow(this, _key, _allocator, resolver, _synchronizer, options, _time, _metrics, _logger);
        _lastActivityTicks = _time.GetUtcNow().UtcTicks;
        if (Store is not null && options.Monitor.Enabled)
        {
            Monitor = new WalletMonitor(
                Store, node, _key, options.Monitor, _time, loggerFactory, meterFactory, _ => ValueTask.FromResult(Chain), this);
        }

        _sessions = options.Sessions.Enabled ? new Sessions.SessionPayer(this, options.Sessions, _time, _logger) : null;
        _paidHttp = new Lazy<HttpClient>(() => new HttpClient(new PaymentHandler(this) { InnerHandler = CreateSessionHandler(new SocketsHttpHandler()) }));
    }

    /// <summary>The wallet's address.</summary>
    public Address Address { get; }

    /// <summary>The permissions and budgets this payer enforces before signing.</summary>
    public SpendingPolicy Permissions { get; }

    /// <summary>The durable wallet store payments are recorded in (<see cref="FontanaPayerOptions.Store"/>), if any.</summary>
    public WalletStore? Store { get; }

    /// <summary>The background monitor finishing this wallet's payments (null without a store or when disabled);
    /// started by <see cref="InitializeAsync"/>.</summary>
    public WalletMonitor? Monitor { get; }

    /// <summary>The node client.</summary>
    public FontanaClient Node { get; }

    /// <summary>The wallet's outputs as this payer knows them.</summary>
    public IUtxoCache Utxos { get; }

    /// <summary>Funds of the wallet not committed to calls in flight.</summary>
    public Amount AvailableFunds => _allocator.Unreserved;

    /// <summary>Coin leases claimed in the shared store, and claims refused because another process held or had spent
    /// the coin (zero without <see cref="FontanaPayerOptions.ShareOutputsThroughStore"/>).</summary>
    public (long Claimed, long Refused) CoinLeaseClaims =>
        _shared is null ? (0, 0) : (Interlocked.Read(ref _shared.Leases.Claimed), Interlocked.Read(ref _shared.Leases.Refused));

    /// <summary>Calls currently waiting for an output.</summary>
    public int WaitingCalls => _allocator.WaitingCalls;

    /// <summary>Just-in-time splits confirmed so far.</summary>
    public long SplitCount => _metrics.SplitCount;

    /// <summary>Payments made with a challenge the previous paid response handed out (calls that took one request
    /// instead of two; <see cref="FontanaPayerOptions.PrefetchChallenges"/>).</summary>
    public long PrefetchedPayments => _flow.PrefetchedPayments;

    /// <summary>Payments settled so far.</summary>
    public long PaymentCount => _metrics.PaymentCount;

    /// <summary>Total time calls spent waiting for an output, and how many calls had to wait.</summary>
    public (TimeSpan Total, long Calls) LockWait => (_metrics.TotalLockWait, _metrics.LockWaitCount);

    /// <summary>Mean time the SDK itself spends per payment (offer selection, coin, signing, headers, receipt
    /// check), lock waits and network excluded.</summary>
    public TimeSpan MeanPaymentOverhead => _metrics.MeanOverhead;

    /// <summary>Calls that currently hold an output (payments in flight, or whose outcome is being resolved).</summary>
    public int LockedOutputs => _allocator.ActiveLeases;

    /// <summary>No payment in flight, no call waiting, no split running (e.g. to read final balances after a burst).</summary>
    public bool IsIdle => _allocator.IsIdle;

    internal FontanaPayerOptions Options => _options;

    internal PrivateKey SigningKey => _key;

    internal UtxoAllocator Allocator => _allocator;

    internal ChainInfo? ChainOrNull => _chain;

    internal void RememberOwn(Hash32 txId) => _synchronizer.RememberOwn(txId);

    /// <summary>True while subscribed to the wallet's address on the node's stream.</summary>
    internal bool StreamConnected => _synchronizer.StreamConnected;

    internal ChainInfo Chain => _chain ?? throw new InvalidOperationException("the payer is not initialized: call InitializeAsync first");

    internal CancellationToken Stopping => _stopping.Token;

    /// <summary>When a paid call last started (for <c>sync-when-idle</c>).</summary>
    internal DateTimeOffset LastActivity => new(Interlocked.Read(ref _lastActivityTicks), TimeSpan.Zero);

    internal void MarkActivity() => Interlocked.Exchange(ref _lastActivityTicks, _time.GetUtcNow().UtcTicks);

    /// <summary>Reads the chain's parameters, loads the wallet's outputs and starts background refreshing. Called
    /// automatically by the first payment; safe to call more than once.</summary>
    public Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (_initialization is null || _initialization.IsFaulted || _initialization.IsCanceled)
            {
                _initialization = InitializeCoreAsync();
            }

            return _initialization.IsCompletedSuccessfully ? Task.CompletedTask : _initialization.WaitAsync(cancellationToken);
        }
    }

    /// <summary>Re-reads the wallet's unspent outputs from the node and reconciles the cache (calls share one refresh
    /// in flight).</summary>
    public Task RefreshAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (_refresh is null || _refresh.IsCompleted)
            {
                _refresh = RefreshCoreAsync();
            }

            return _refresh.WaitAsync(cancellationToken);
        }
    }

    /// <summary>Makes one paid call through a shared <see cref="HttpClient"/>: sends it, answers a 402 by paying (at most
    /// <paramref name="maxPrice"/>, default <see cref="FontanaPayerOptions.MaxPricePerCall"/>), and returns the response
    /// with its receipt (<c>response.GetFontanaReceipt()</c>).</summary>
    public Task<HttpResponseMessage> CallPaidApiAsync(HttpRequestMessage request, Amount? maxPrice = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (maxPrice is { } limit)
        {
            request.SetFontanaMaxPrice(limit);
        }

        return _paidHttp.Value.SendAsync(request, cancellationToken);
    }

    /// <summary>Makes one paid call to <paramref name="url"/> (GET unless <paramref name="method"/> says otherwise).</summary>
    public Task<HttpResponseMessage> CallPaidApiAsync(
        Uri url, HttpMethod? method = null, HttpContent? content = null, Amount? maxPrice = null, CancellationToken cancellationToken = default) =>
        CallPaidApiAsync(new HttpRequestMessage(method ?? HttpMethod.Get, url) { Content = content }, maxPrice, cancellationToken);

    /// <summary>
    /// The handler that pays through payment sessions (<see cref="FontanaPayerOptions.Sessions"/>), to put under the
    /// <see cref="PaymentHandler"/> (nearer the network): <c>new PaymentHandler(payer) { InnerHandler =
    /// payer.CreateSessionHandler(new SocketsHttpHandler()) }</c>. With sessions off it passes requests through.
    /// </summary>
    public DelegatingHandler CreateSessionHandler(HttpMessageHandler? innerHandler = null)
    {
        DelegatingHandler handler = _sessions is null
            ? new PassThroughHandler()
            : new Sessions.AutoSessionHandler(this, _sessions, _options.MaxPricePerCall);
        if (innerHandler is not null)
        {
            handler.InnerHandler = innerHandler;
        }

        return handler;
    }

    /// <summary>The sessions this payer opened or resumed (empty when sessions are off).</summary>
    public IReadOnlyList<Sessions.PaymentSession> Sessions => _sessions?.Sessions.ToList() ?? [];

    /// <summary>A new handler paying from this wallet, to put in an <see cref="HttpClient"/> pipeline.</summary>
    public PaymentHandler CreateHandler(Amount? maxPricePerCall = null) => new(this, maxPricePerCall);

    /// <summary>Waits until the payment is sealed in a block, then returns its final receipt after verifying the
    /// receipt signature, the block header (hash and sequencer signature) and the tx inclusion proof.</summary>
    /// <exception cref="ReceiptVerificationException">The final receipt does not verify.</exception>
    /// <exception cref="TimeoutException">Not sealed within <paramref name="timeout"/>.</exception>
    public async Task<FinalReceiptDto> GetFinalReceiptAsync(Hash32 txId, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        await InitializeAsync(cancellationToken).ConfigureAwait(false);
        var chain = Chain;
        var poll = TimeSpan.FromTicks(Math.Clamp((chain.BlockInterval / 4).Ticks, TimeSpan.FromMilliseconds(100).Ticks, TimeSpan.FromSeconds(2).Ticks));
        var final = await Node.WaitForFinalReceiptAsync(txId, timeout, poll, _time, cancellationToken).ConfigureAwait(false);
        ReceiptVerifier.VerifyFinal(final, txId, chain.ChainId, chain.SequencerKey);
        return final;
    }

    /// <summary>Verifies a final receipt of <paramref name="txId"/> against this chain; returns the verified header.</summary>
    public BlockHeader VerifyFinalReceipt(FinalReceiptDto final, Hash32 txId) =>
        ReceiptVerifier.VerifyFinal(final, txId, Chain.ChainId, Chain.SequencerKey);

    /// <summary>
    /// Closes every session this payer has in use (the provider is paid what its receipts said it charged; the rest of
    /// each deposit comes back to the wallet) and stops paying through them; returns how many the ledger closed. A
    /// session that cannot be closed now (node unreachable) is logged and left open; one past its expiry is left to
    /// <see cref="ReclaimExpiredSessionsAsync"/>.
    /// </summary>
    public async Task<int> CloseSessionsAsync(CancellationToken cancellationToken = default)
    {
        if (_sessions is null)
        {
            return 0;
        }

        await InitializeAsync(cancellationToken).ConfigureAwait(false);
        return await _sessions.CloseAllAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Takes back what the expired sessions on record (<c>Sessions.StoreDirectory</c>) never paid out, one
    /// <c>SessionReclaim</c> each; returns the total. Also run by <see cref="InitializeAsync"/>.</summary>
    public async Task<Amount> ReclaimExpiredSessionsAsync(CancellationToken cancellationToken = default)
    {
        if (_sessions is null)
        {
            return Amount.Zero;
        }

        await InitializeAsync(cancellationToken).ConfigureAwait(false);
        return await _sessions.ReclaimExpiredAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Closes the sessions in use first when <c>Sessions.CloseOnDispose</c> says so (at most 30 s), then
    /// disposes like <see cref="Dispose"/>.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_sessions is not null && _options.Sessions.ClosesOnDispose && Volatile.Read(ref _disposed) == 0 && _chain is not null)
        {
            using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try
            {
                await _sessions.CloseAllAsync(limit.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Left open: their deposits come back by reclaim after expiry.
            }
        }

        Dispose();
    }

    /// <summary>Stops background work and releases the payer's resources; sessions stay open (see <see cref="DisposeAsync"/>).</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _stopping.Cancel();
        _sessions?.Flush();
        Monitor?.Dispose();
        _synchronizer.Dispose();
        _allocator.Dispose();
        _shared?.Leases.Dispose();
        if (_paidHttp.IsValueCreated)
        {
            _paidHttp.Value.Dispose();
        }

        if (_ownsNode)
        {
            Node.Dispose();
        }

        _metrics.Dispose();
        _ownedWallet?.Dispose();
        _stopping.Dispose();
    }

    /// <summary>One paid call (used by <see cref="PaymentHandler"/>).</summary>
    internal Task<HttpResponseMessage> SendPaidAsync(
        HttpRequestMessage request, Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> send, Amount maxPrice, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        return _flow.SendPaidAsync(request, send, maxPrice, cancellationToken);
    }

    /// <summary>Pays a 402 already decoded (the network was chosen by a client over several networks).</summary>
    internal Task<HttpResponseMessage> PayChallengeAsync(
        HttpRequestMessage request, Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> send, Core.X402.PaymentRequired required,
        Amount maxPrice, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        return _flow.PayChallengeAsync(request, send, required, maxPrice, cancellationToken);
    }

    /// <summary>The hot-path check: completes synchronously once initialized.</summary>
    internal ValueTask EnsureInitializedAsync(CancellationToken cancellationToken) =>
        _initialization is { IsCompletedSuccessfully: true } ? ValueTask.CompletedTask : new ValueTask(InitializeAsync(cancellationToken));

    private async Task InitializeCoreAsync()
    {
        _chain = ChainInfo.FromDto(await Node.GetInfoAsync(_stopping.Token).ConfigureAwait(false));
        if (Store is { } store)
        {
            // For offline re-verification of the stored receipts (`fontana receipts --verify`).
            store.SetMeta("chain-id", _chain.ChainId);
            store.SetMeta("sequencer-key", _chain.SequencerKey.ToString());
        }

        _shared?.Leases.Start();
        if (_sessions is not null)
        {
            // Before the first refresh, so the reclaimed deposits are among the outputs it loads.
            await _sessions.ReclaimExpiredAsync(_stopping.Token).ConfigureAwait(false);
        }

        await RefreshAsync(_stopping.Token).ConfigureAwait(false);
        _synchronizer.Start();
        Monitor?.Start();
    }

    private async Task RefreshCoreAsync()
    {
        await Task.Yield();
        _allocator.BeginRefresh();
        try
        {
            // Coins other processes held at the last try are tried again; released before the epoch is read, so this
            // refresh drops the ones that were spent meanwhile.
            var freedForeign = _shared is { ForeignCount: > 0 };
            if (_shared?.ReleaseForeign() is long gone and > 0)
            {
                _allocator.ApplyDropped(gone);
            }

            var epoch = Utxos.Epoch;
            var listing = await Node.GetUtxosAsync(Address, _stopping.Token).ConfigureAwait(false);
            var unspent = new List<KeyValuePair<OutPoint, Amount>>(listing.Utxos.Count);
            for (var i = 0; i < listing.Utxos.Count; i++)
            {
                var dto = listing.Utxos[i];
                if (OutPoint.TryParse(dto.OutPoint, out var outPoint, out _) && Amount.TryParseUtia(dto.Amount, out var amount, out _))
                {
                    unspent.Add(new KeyValuePair<OutPoint, Amount>(outPoint, amount));
                }
            }

            var result = Utxos.Reconcile(unspent, epoch);
            _shared?.SkipHeldByOthers();
            _allocator.ApplyReconcile(result);
            if (freedForeign)
            {
                _allocator.SignalAvailability(null);
            }

            SdkLog.Refreshed(_logger, result.Added, result.Confirmed, result.Dropped, result.FlaggedWhileLocked);
        }
        finally
        {
            _allocator.EndRefresh();
        }
    }

    private static PrivateKey ResolveKey(FontanaPayerOptions options, out Wallet.WalletKeyFile? owned)
    {
        owned = null;
        if (options.SigningKey is { } key)
        {
            return key;
        }

        if (options.Wallet is { } wallet)
        {
            return wallet.PrivateKey;
        }

        owned = Wallet.WalletKeyFile.Load(options.WalletPath!, options.WalletPassphrase);
        return owned.PrivateKey;
    }

    private static Uri ValidateAndGetNodeUrl(FontanaPayerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        return options.NodeUrl;
    }

    private sealed class PassThroughHandler : DelegatingHandler
    {
    }
}
