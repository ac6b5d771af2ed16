using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Fontana.Core;
using Fontana.Core.Api;
using Fontana.Core.Crypto;
using Fontana.Sdk.Internal;
using Fontana.Sdk.Networks;
using Fontana.Sdk.Payments;
using Fontana.Sdk.Transports;
using Fontana.Core.Encoding;

namespace Fontana.Sdk;

/// <summary>
/// A client for the Fontana node HTTP API v1: chain info, balances and unspent outputs, transaction submission,
/// transaction status, final receipts and proofs. Errors come back as <see cref="FontanaApiException"/> (or a subclass
/// such as <see cref="InputSpentException"/>) carrying the server's stable <c>code</c>.
/// Thread-safe; one instance per node is meant to be shared.
/// </summary>
public sealed class FontanaClient : IDisposable
{
    private readonly INodeTransport _transport;
    private readonly bool _ownsTransport;

    /// <summary>Uses <paramref name="httpClient"/>, whose <see cref="HttpClient.BaseAddress"/> must be the node's root URL.</summary>
    public FontanaClient(HttpClient httpClient)
        : this(new HttpNodeTransport(httpClient), ownsTransport: true)
    {
    }

    /// <summary>Creates a client for the node at <paramref name="nodeUrl"/> (e.g. <c>http://127.0.0.1:5080</c>) with its own connection pool.</summary>
    public FontanaClient(Uri nodeUrl)
        : this(new HttpNodeTransport(nodeUrl), ownsTransport: true)
    {
    }

    /// <summary>Talks to the node(s) through <paramref name="transport"/>: HTTP, WebSocket, in-process, or several nodes
    /// with failover (<see cref="Networks.FailoverNodeTransport"/>). With <paramref name="ownsTransport"/> the client
    /// disposes it.</summary>
    public FontanaClient(INodeTransport transport, bool ownsTransport = false)
    {
        ArgumentNullException.ThrowIfNull(transport);
        _transport = transport;
        _ownsTransport = ownsTransport;
    }

    /// <summary>The transport every call of this client goes through.</summary>
    public INodeTransport Transport => _transport;

    /// <summary>The node's root URL (for an HTTP or WebSocket transport; otherwise <c>http://in-process/</c>).</summary>
    public Uri NodeUrl => _transport switch
    {
        HttpNodeTransport http => http.NodeUrl,
        WebSocketNodeTransport ws => ws.NodeUrl,
        FailoverNodeTransport { Nodes: [{ Transport: HttpNodeTransport first }, ..] } => first.NodeUrl,
        FailoverNodeTransport { Nodes: [{ Transport: WebSocketNodeTransport first }, ..] } => first.NodeUrl,
        _ => new Uri("http://in-process/"),
    };

    /// <summary><c>GET /v1/info</c>: chain id, genesis hash, sequencer key, fee address, minimum fee, block interval, tip.</summary>
    public Task<NodeInfo> GetInfoAsync(CancellationToken cancellationToken = default) =>
        GetAsync("v1/info", ApiJsonContext.Default.NodeInfo, cancellationToken);

    /// <summary><c>GET /v1/addresses/{address}/balance</c>.</summary>
    public Task<BalanceDto> GetBalanceAsync(Address address, CancellationToken cancellationToken = default) =>
        GetAsync("v1/addresses/" + address.ToString() + "/balance", ApiJsonContext.Default.BalanceDto, cancellationToken);

    /// <summary><c>GET /v1/addresses/{address}/utxos</c>: the address's unspent outputs.</summary>
    public Task<AddressUtxosDto> GetUtxosAsync(Address address, CancellationToken cancellationToken = default) =>
        GetAsync("v1/addresses/" + address.ToString() + "/utxos", ApiJsonContext.Default.AddressUtxosDto, cancellationToken);

    /// <summary><c>GET /v1/utxos/{txid}:{index}</c>: unspent, spent (and by which txid) or unknown.</summary>
    public Task<UtxoStatusDto> GetUtxoAsync(OutPoint outPoint, CancellationToken cancellationToken = default) =>
        GetAsync("v1/utxos/" + outPoint.ToString(), ApiJsonContext.Default.UtxoStatusDto, cancellationToken);

    /// <summary><c>GET /v1/utxos/{txid}:{index}/proof</c>: inclusion or non-inclusion proof against the latest sealed state root.</summary>
    public Task<UtxoProofDto> GetUtxoProofAsync(OutPoint outPoint, CancellationToken cancellationToken = default) =>
        GetAsync("v1/utxos/" + outPoint.ToString() + "/proof", ApiJsonContext.Default.UtxoProofDto, cancellationToken);

    /// <summary><c>GET /v1/sessions/{id}</c>: a payment session as the ledger has it (status, deposit, claimed, counter,
    /// expiry), or <c>null</c> when the ledger has no session with this id (<c>session-not-found</c>).</summary>
    public async Task<SessionDto?> GetSessionAsync(Hash32 sessionId, CancellationToken cancellationToken = default)
    {
        try
        {
            return await GetAsync("v1/sessions/" + sessionId.ToString(), ApiJsonContext.Default.SessionDto, cancellationToken).ConfigureAwait(false);
        }
        catch (FontanaApiException ex) when (ex.Status == 404 && ex.Code == Fontana.Core.Errors.ErrorCodes.SessionNotFound)
        {
            return null;
        }
    }

    /// <summary>
    /// <c>POST /v1/transactions</c>: submits a signed transaction (its canonical bytes) and returns the provisional
    /// receipt, which the node gives only once the transaction is durably committed. Re-submitting an applied
    /// transaction returns the same receipt. A refusal throws <see cref="TransactionRejectedException"/>
    /// (<see cref="InputSpentException"/> for <c>input-spent</c>).
    /// </summary>
    public async Task<ReceiptDto> SubmitTransactionAsync(ReadOnlyMemory<byte> canonicalTransaction, CancellationToken cancellationToken = default)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(
            new SubmitTransactionRequest(Convert.ToBase64String(canonicalTransaction.Span)), ApiJsonContext.Default.SubmitTransactionRequest);
        Hash32? txId = TransactionCodec.TryDecode(canonicalTransaction.Span, out var decoded) ? decoded.TxId : null;
        return await SendAsync(new NodeRequest("POST", "v1/transactions", body, txId), ApiJsonContext.Default.ReceiptDto, cancellationToken).ConfigureAwait(false);
    }

    /// <summary><c>GET /v1/transactions/{txid}</c>: status (pending | sealed | posted), the transaction and its receipt
    /// (final once sealed). Throws <see cref="FontanaNotFoundException"/> for an unknown txid.</summary>
    public Task<TransactionStatusDto> GetTransactionAsync(Hash32 txId, CancellationToken cancellationToken = default) =>
        GetAsync("v1/transactions/" + txId.ToString(), ApiJsonContext.Default.TransactionStatusDto, cancellationToken);

    /// <summary>The final receipt of a transaction, or <c>null</c> while it is not yet sealed in a block.</summary>
    public async Task<FinalReceiptDto?> GetFinalReceiptAsync(Hash32 txId, CancellationToken cancellationToken = default) =>
        (await GetTransactionAsync(txId, cancellationToken).ConfigureAwait(false)).Final;

    /// <summary><c>GET /v1/transactions/{txid}/proof</c>: inclusion proof of the txid against its block's tx root.</summary>
    public Task<TxProofDto> GetTransactionProofAsync(Hash32 txId, CancellationToken cancellationToken = default) =>
        GetAsync("v1/transactions/" + txId.ToString() + "/proof", ApiJsonContext.Default.TxProofDto, cancellationToken);

    /// <summary><c>GET /v1/blocks/latest</c>.</summary>
    public Task<BlockDto> GetLatestBlockAsync(CancellationToken cancellationToken = default) =>
        GetAsync("v1/blocks/latest", ApiJsonContext.Default.BlockDto, cancellationToken);

    /// <summary><c>GET /v1/blocks/{height}</c>.</summary>
    public Task<BlockDto> GetBlockAsync(ulong height, CancellationToken cancellationToken = default) =>
        GetAsync("v1/blocks/" + height.ToString(CultureInfo.InvariantCulture), ApiJsonContext.Default.BlockDto, cancellationToken);

    /// <summary><c>GET /v1/headers/tip</c>.</summary>
    public Task<HeaderDto> GetTipHeaderAsync(CancellationToken cancellationToken = default) =>
        GetAsync("v1/headers/tip", ApiJsonContext.Default.HeaderDto, cancellationToken);

    /// <summary><c>GET /v1/headers/{height}</c>.</summary>
    public Task<HeaderDto> GetHeaderAsync(ulong height, CancellationToken cancellationToken = default) =>
        GetAsync("v1/headers/" + height.ToString(CultureInfo.InvariantCulture), ApiJsonContext.Default.HeaderDto, cancellationToken);

    /// <summary>
    /// Polls <c>GET /v1/transactions/{txid}</c> until the transaction is sealed in a block and returns its final
    /// receipt; throws <see cref="TimeoutException"/> after <paramref name="timeout"/>.
    /// </summary>
    public async Task<FinalReceiptDto> WaitForFinalReceiptAsync(
        Hash32 txId, TimeSpan timeout, TimeSpan? pollInterval = null, TimeProvider? timeProvider = null, CancellationToken cancellationToken = default)
    {
        var time = timeProvider ?? TimeProvider.System;
        var interval = pollInterval ?? TimeSpan.FromMilliseconds(250);
        var start = time.GetTimestamp();
        while (true)
        {
            try
            {
                var final = await GetFinalReceiptAsync(txId, cancellationToken).ConfigureAwait(false);
                if (final is not null)
                {
                    return final;
                }
            }
            catch (FontanaNotFoundException)
            {
                // Not (yet) known to this node: keep polling until the deadline.
            }

            var remaining = timeout - time.GetElapsedTime(start);
            if (remaining <= TimeSpan.Zero)
            {
                throw new TimeoutException($"transaction {txId} was not sealed in a block within {timeout.TotalSeconds:0.###} s");
            }

            await Task.Delay(remaining < interval ? remaining : interval, time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// A one-off paid call: loads <paramref name="wallet"/>'s outputs from this node, sends <paramref name="request"/>,
    /// pays a 402 (at most <paramref name="maxPrice"/>, default 0.01 TIA) and returns the response with its receipt
    /// (<c>response.GetFontanaReceipt()</c>). For many calls keep one <see cref="FontanaPayer"/> instead.
    /// </summary>
    public async Task<HttpResponseMessage> CallPaidApiAsync(
        PrivateKey wallet, HttpRequestMessage request, Amount? maxPrice = null, TimeProvider? timeProvider = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(wallet);
        return await CallPaidApiAsync(new FontanaPayerOptions { SigningKey = wallet }, request, maxPrice, timeProvider, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A one-off paid call from an opened <see cref="Wallet.WalletKeyFile"/>; see the overload taking a key.</summary>
    public async Task<HttpResponseMessage> CallPaidApiAsync(
        Wallet.WalletKeyFile wallet, HttpRequestMessage request, Amount? maxPrice = null, TimeProvider? timeProvider = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(wallet);
        return await CallPaidApiAsync(new FontanaPayerOptions { Wallet = wallet }, request, maxPrice, timeProvider, cancellationToken).ConfigureAwait(false);
    }

    private async Task<HttpResponseMessage> CallPaidApiAsync(
        FontanaPayerOptions options, HttpRequestMessage request, Amount? maxPrice, TimeProvider? timeProvider, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        options.NodeUrl = NodeUrl;
        options.RefreshInterval = TimeSpan.Zero;
        options.UseStream = false;
        if (maxPrice is { } limit)
        {
            options.MaxPricePerCall = limit;
        }

        using var payer = new FontanaPayer(this, options, timeProvider);
        return await payer.CallPaidApiAsync(request, maxPrice, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Disposes the node transport when this client owns it (<c>ownsTransport: true</c>, or a client built from a URL); otherwise nothing.</summary>
    public void Dispose()
    {
        if (_ownsTransport)
        {
            _transport.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    private Task<T> GetAsync<T>(string path, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken) =>
        SendAsync(NodeRequest.Get(path), typeInfo, cancellationToken);

    private async Task<T> SendAsync<T>(NodeRequest request, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
    {
        var response = await _transport.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.Status is < 200 or > 299)
        {
            throw ProblemReader.Create(response);
        }

        try
        {
            var value = JsonSerializer.Deserialize(response.Body, typeInfo);
            return value ?? throw BadResponse(request.Path, "the body is JSON null", null);
        }
        catch (JsonException ex)
        {
            throw BadResponse(request.Path, ex.Message, ex);
        }
        catch (NotSupportedException ex)
        {
            throw BadResponse(request.Path, ex.Message, ex);
        }
    }

    private FontanaApiException BadResponse(string path, string reason, Exception? inner) =>
        new(FontanaApiException.BadResponseCode, (int)HttpStatusCode.OK, $"{FontanaApiException.BadResponseCode}: the answer of {_transport.Name} to {path} could not be read ({reason})", null, inner);
}
