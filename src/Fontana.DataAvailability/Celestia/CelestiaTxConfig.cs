using System.Text.Json;

namespace Fontana.DataAvailability.Celestia;

/// <summary>
/// celestia-node's <c>TxConfig</c> as JSON (<c>state/txclient/tx_config.go</c> <c>jsonTxConfig</c>), the last param of
/// <c>blob.Submit</c> and <c>state.Transfer</c>: always an object (a <c>null</c> makes the node fail); <c>gas_price</c>
/// counts only with <c>is_gas_price_set: true</c>; <c>max_gas_price</c> has no omitempty (0 = the node's default cap);
/// the other fields are omitempty.
/// </summary>
public sealed record CelestiaTxConfig
{
    /// <summary>utia per gas; null lets the node estimate.</summary>
    public double? GasPrice { get; init; }

    /// <summary>The highest price the node may estimate; null is the node's default cap.</summary>
    public double? MaxGasPrice { get; init; }

    /// <summary>A gas limit; null lets the node estimate.</summary>
    public ulong? GasLimit { get; init; }

    /// <summary>celestia-node's <c>TxPriority</c> (1 low, 2 medium, 3 high); null is the node's default.</summary>
    public int? TxPriority { get; init; }

    /// <summary>The keyring key that signs.</summary>
    public string? KeyName { get; init; }

    /// <summary>The keyring address that signs (takes priority over <see cref="KeyName"/>).</summary>
    public string? SignerAddress { get; init; }

    /// <summary>An address that pays the fee by a fee grant.</summary>
    public string? FeeGranterAddress { get; init; }

    /// <summary>Writes the object as one JSON value.</summary>
    public void WriteTo(Utf8JsonWriter w)
    {
        ArgumentNullException.ThrowIfNull(w);
        w.WriteStartObject();
        if (GasPrice is { } price)
        {
            w.WriteNumber("gas_price", price);
            w.WriteBoolean("is_gas_price_set", true);
        }

        w.WriteNumber("max_gas_price", MaxGasPrice ?? 0);
        if (GasLimit is { } gas)
        {
            w.WriteNumber("gas", gas);
        }

        if (TxPriority is { } priority)
        {
            w.WriteNumber("tx_priority", priority);
        }

        WriteIfSet(w, "key_name", KeyName);
        WriteIfSet(w, "signer_address", SignerAddress);
        WriteIfSet(w, "fee_granter_address", FeeGranterAddress);
        w.WriteEndObject();
    }

    private static void WriteIfSet(Utf8JsonWriter w, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            w.WriteString(name, value);
        }
    }
}
