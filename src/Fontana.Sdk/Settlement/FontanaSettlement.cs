using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Fontana.Core;
using Fontana.Core.Api;
using Fontana.Core.Bridge;
using Fontana.Core.Encoding;
using Fontana.Core.Errors;
using Fontana.Core.Transactions;
using Fontana.Sdk.Internal;
using Fontana.Sdk.Transports;
using Fontana.Sdk.Wallet;

namespace Fontana.Sdk.Settlement;

/// <summary>
/// Moving money between Celestia (L1) and Fontana through the node's bridge (docs/bridge.md): deposit instructions,
/// withdrawals (a burn the bridge pays on L1 exactly once) and their public status.
/// </summary>
public sealed class FontanaSettlement
{
    private readonly FontanaClient _client;

    /// <summary>Uses <paramref name="client"/>'s node (its transport: HTTP, failover or in-process).</summary>
    public FontanaSettlement(FontanaClient client) => _client = client ?? throw new ArgumentNullException(nameof(client));

    /// <summary>Where and how to send TIA on Celestia so it is minted to <paramref name="wallet"/>. Throws
    /// <see cref="FontanaApiException"/> <c>bridge-disabled</c> when the node runs no bridge.</summary>
    public async Task<DepositInstructions> DepositInstructionsAsync(Address wallet, CancellationToken cancellationToken = default)
    {
        var info = await GetAsync("v1/bridge-info", ApiJsonContext.Default.BridgeInfoDto, cancellationToken).ConfigureAwait(false);
        if (!info.Enabled || info.VaultAddress is null)
        {
            throw new FontanaApiException(ErrorCodes.BridgeDisabled, 503, $"{ErrorCodes.BridgeDisabled}: the node at {_client.NodeUrl} runs no bridge to L1");
        }

        return new DepositInstructions(info.VaultAddress, wallet.ToString(), info.Confirmations,
            info.FaucetUrl is { } url ? new Uri(url) : null, info.FaucetAddress);
    }

    /// <summary>The fees of withdrawing <paramref name="amount"/>: the rollup fee (the chain's minimum fee) and the L1 fee
    /// the vault spends at the bridge's gas price.</summary>
    public async Task<WithdrawalEstimate> EstimateWithdrawalAsync(Amount amount, CancellationToken cancellationToken = default)
    {
        var info = await GetAsync("v1/bridge-info", ApiJsonContext.Default.BridgeInfoDto, cancellationToken).ConfigureAwait(false);
        var fee = Amount.ParseUtia(info.WithdrawalFee);
        return new WithdrawalEstimate(amount, fee, Amount.ParseUtia(info.L1Fee), amount + fee, amount) { L1GasPriceSource = info.L1GasPriceSource };
    }

    /// <summary>
    /// Burns <paramref name="amount"/> from <paramref name="wallet"/> (plus the rollup fee) for a payout to
    /// <paramref name="l1Address"/> on Celestia. The address is checked first: a malformed one throws
    /// <see cref="FontanaApiException"/> <c>bad-l1-address</c> with nothing signed. Returns the withdrawal's status.
    /// </summary>
    public Task<WithdrawalStatusDto> WithdrawAsync(WalletKeyFile wallet, Amount amount, string l1Address, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(wallet);
        return WithdrawAsync(wallet.PrivateKey, amount, l1Address, cancellationToken);
    }

    /// <summary><see cref="WithdrawAsync(WalletKeyFile, Amount, string, CancellationToken)"/> signed by <paramref name="key"/>.</summary>
    internal async Task<WithdrawalStatusDto> WithdrawAsync(Core.Crypto.PrivateKey key, Amount amount, string l1Address, CancellationToken cancellationToken)
    {
        var wallet = (Address: new Address(key.PublicKey), PrivateKey: key);
        if (!CelestiaAddress.TryParse(l1Address, out var to, out var error))
        {
            throw new FontanaApiException(ErrorCodes.BadL1Address, 400, $"{ErrorCodes.BadL1Address}: {error}; nothing was signed");
        }

        var info = await _client.GetInfoAsync(cancellationToken).ConfigureAwait(false);
        var fee = Amount.ParseUtia(info.MinFee);
        var utxos = await _client.GetUtxosAsync(wallet.Address, cancellationToken).ConfigureAwait(false);
        var builder = new TransactionBuilder(info.ChainId, TransactionKind.Withdrawal).WithExternalRef(to.Text).WithFee(fee);
        var total = Amount.Zero;
        var inputs = 0;
        foreach (var u in utxos.Utxos)
        {
            if (total >= amount + fee || inputs == TransactionCodec.MaxInputs)
            {
                break;
            }

            builder.AddInput(OutPoint.Parse(u.OutPoint));
            total += Amount.ParseUtia(u.Amount);
            inputs++;
        }

        if (total < amount + fee)
        {
            throw new InsufficientFundsException($"{ErrorCodes.InsufficientFunds}: the wallet holds {total} in outputs this can spend; the withdrawal needs {amount + fee} (fee included)");
        }

        if (total - amount - fee is { IsZero: false } change)
        {
            builder.AddOutput(wallet.Address, change);
        }

        var tx = builder.WithMemo(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16)).Sign(wallet.PrivateKey);
        await _client.SubmitTransactionAsync(TransactionCodec.Encode(tx), cancellationToken).ConfigureAwait(false);
        return await GetWithdrawalAsync(tx.TxId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary><c>GET /v1/withdrawals/{txid}</c>: pending | paying | paid | confirmed | failed.</summary>
    public Task<WithdrawalStatusDto> GetWithdrawalAsync(Hash32 txId, CancellationToken cancellationToken = default) =>
        GetAsync("v1/withdrawals/" + txId, ApiJsonContext.Default.WithdrawalStatusDto, cancellationToken);

    /// <summary><c>GET /v1/withdrawals?address=</c>: <paramref name="wallet"/>'s recent withdrawals, newest first.</summary>
    public async Task<IReadOnlyList<WithdrawalStatusDto>> ListWithdrawalsAsync(Address wallet, int limit = 100, CancellationToken cancellationToken = default) =>
        (await GetAsync($"v1/withdrawals?address={wallet}&limit={limit}", ApiJsonContext.Default.WithdrawalStatusListDto, cancellationToken).ConfigureAwait(false)).Withdrawals;

    /// <summary><c>GET /v1/deposits/{l1TxHash}</c>: one entry per message of the L1 transaction (seen | minted | unclaimed).</summary>
    public async Task<IReadOnlyList<DepositStatusDto>> GetDepositAsync(string l1TxHash, CancellationToken cancellationToken = default) =>
        (await GetAsync("v1/deposits/" + Uri.EscapeDataString(l1TxHash.Trim()), ApiJsonContext.Default.DepositStatusListDto, cancellationToken).ConfigureAwait(false)).Deposits;

    /// <summary>Polls the withdrawal until it is <c>confirmed</c> or <c>failed</c> (both final) and returns that status;
    /// <see cref="TimeoutException"/> after <paramref name="timeout"/>.</summary>
    public async Task<WithdrawalStatusDto> WaitForWithdrawalAsync(
        Hash32 txId, TimeSpan timeout, TimeSpan? pollInterval = null, TimeProvider? timeProvider = null, CancellationToken cancellationToken = default)
    {
        var time = timeProvider ?? TimeProvider.System;
        var interval = pollInterval ?? TimeSpan.FromMilliseconds(500);
        var start = time.GetTimestamp();
        while (true)
        {
            var status = await GetWithdrawalAsync(txId, cancellationToken).ConfigureAwait(false);
            if (status.Status is "confirmed" or "failed")
            {
                return status;
            }

            var remaining = timeout - time.GetElapsedTime(start);
            if (remaining <= TimeSpan.Zero)
            {
                throw new TimeoutException($"withdrawal {txId} is still {status.Status} after {timeout.TotalSeconds:0.###} s");
            }

            await Task.Delay(remaining < interval ? remaining : interval, time, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<T> GetAsync<T>(string path, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
    {
        var response = await _client.Transport.SendAsync(NodeRequest.Get(path), cancellationToken).ConfigureAwait(false);
        if (response.Status is < 200 or > 299)
        {
            throw ProblemReader.Create(response);
        }

        try
        {
            return JsonSerializer.Deserialize(response.Body, typeInfo)
                ?? throw new FontanaApiException(FontanaApiException.BadResponseCode, (int)HttpStatusCode.OK, $"{path}: the body is JSON null");
        }
        catch (JsonException ex)
        {
            throw new FontanaApiException(FontanaApiException.BadResponseCode, (int)HttpStatusCode.OK, $"{path}: {ex.Message}", null, ex);
        }
    }
}
