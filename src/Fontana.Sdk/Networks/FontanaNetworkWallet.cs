using Fontana.Core;
using Fontana.Sdk.Store;

namespace Fontana.Sdk.Networks;

/// <summary>
/// <c>client.Wallet</c>: the wallets of a <see cref="FontanaNetworkClient"/>, one per network. Every method takes the
/// network's id (<c>fontana:&lt;chainId&gt;</c>) or configuration name, or uses the default network when it is null;
/// an unknown network throws <see cref="FontanaPaymentException"/> <c>unknown-network</c>.
/// </summary>
public sealed class FontanaNetworkWallet
{
    private readonly FontanaNetworkClient _client;

    internal FontanaNetworkWallet(FontanaNetworkClient client) => _client = client;

    /// <summary>The address paying on the network.</summary>
    public Address GetAddress(string? network = null) => _client.GetNetwork(network).Address;

    /// <summary>The wallet's balance on the network as its node has it (<c>GET /v1/addresses/{a}/balance</c>).</summary>
    public async Task<Amount> GetBalanceAsync(string? network = null, CancellationToken cancellationToken = default)
    {
        var target = _client.GetNetwork(network);
        var balance = await target.Node.GetBalanceAsync(target.Address, cancellationToken).ConfigureAwait(false);
        return Amount.TryParseUtia(balance.Balance, out var amount, out var error)
            ? amount
            : throw new FontanaApiException(FontanaApiException.BadResponseCode, 200, $"{FontanaApiException.BadResponseCode}: the balance from {target.Failover.Name} is not an amount ({error})");
    }

    /// <summary>Funds of the wallet on the network not committed to calls in flight (from the payer's cache; zero before
    /// the network's first use or <see cref="FontanaNetworkClient.InitializeAsync"/>).</summary>
    public Amount GetAvailableFunds(string? network = null) => _client.GetNetwork(network).Payer.AvailableFunds;

    /// <summary>The wallet's unspent outputs on the network (<c>GET /v1/addresses/{a}/utxos</c>), oldest first.</summary>
    public async Task<IReadOnlyList<WalletOutput>> GetOutputsAsync(string? network = null, CancellationToken cancellationToken = default)
    {
        var target = _client.GetNetwork(network);
        var listing = await target.Node.GetUtxosAsync(target.Address, cancellationToken).ConfigureAwait(false);
        var outputs = new List<WalletOutput>(listing.Utxos.Count);
        foreach (var utxo in listing.Utxos)
        {
            if (!OutPoint.TryParse(utxo.OutPoint, out var outPoint, out var error) || !Amount.TryParseUtia(utxo.Amount, out var amount, out error))
            {
                throw new FontanaApiException(FontanaApiException.BadResponseCode, 200, $"{FontanaApiException.BadResponseCode}: an output listed by {target.Failover.Name} does not parse ({error})");
            }

            outputs.Add(new WalletOutput(outPoint, amount));
        }

        return outputs;
    }

    /// <summary>The payments made on the network, newest first, from the network's wallet store
    /// (<see cref="Payments.FontanaPayerOptions.Store"/>, set through <see cref="FontanaNetworkOptions.ConfigurePayer"/>);
    /// empty when the network keeps no store (payments are then held in memory only).</summary>
    public IReadOnlyList<PaymentRecord> GetHistory(string? network = null, int limit = 100)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        return _client.GetNetwork(network).Payer.Store?.ListPayments(limit: limit) ?? [];
    }
}
