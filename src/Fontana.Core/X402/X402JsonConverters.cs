using System.Text.Json;
using System.Text.Json.Serialization;
using Fontana.Core.Crypto;

namespace Fontana.Core.X402;

/// <summary><see cref="Amount"/> as a JSON decimal string of utia, e.g. <c>"1500"</c> (as x402 writes amounts).</summary>
internal sealed class UtiaStringJsonConverter : JsonConverter<Amount>
{
    public override Amount Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw X402FormatException.Invalid("amount", "must be a decimal string of utia");
        }

        var text = reader.GetString();
        return Amount.TryParseUtia(text, out var amount, out var error)
            ? amount
            : throw X402FormatException.Invalid("amount", error);
    }

    public override void Write(Utf8JsonWriter writer, Amount value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.Utia.ToString(System.Globalization.CultureInfo.InvariantCulture));
}

/// <summary><see cref="Address"/> as its bech32m string.</summary>
internal sealed class AddressJsonConverter : JsonConverter<Address>
{
    public override Address Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw X402FormatException.Invalid("address", "must be a bech32m string");
        }

        return Address.TryParse(reader.GetString(), out var address, out var error)
            ? address
            : throw X402FormatException.Invalid("address", error);
    }

    public override void Write(Utf8JsonWriter writer, Address value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString());
}

/// <summary><see cref="PublicKey"/> as 64 hex characters (written lowercase).</summary>
internal sealed class PublicKeyHexJsonConverter : JsonConverter<PublicKey>
{
    public override PublicKey Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw X402FormatException.Invalid("providerKey", "must be a hex string");
        }

        return PublicKey.TryParse(reader.GetString(), out var key)
            ? key
            : throw X402FormatException.Invalid("providerKey", "must be 64 hex characters (a 32-byte Ed25519 public key)");
    }

    public override void Write(Utf8JsonWriter writer, PublicKey value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString());
}
