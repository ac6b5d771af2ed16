using System.Text.Json;
using Fontana.DataAvailability.Celestia;

namespace Fontana.DataAvailability.Tests.Support;

/// <summary>
/// The wire rules <see cref="FakeCelestiaNode"/> enforces, from celestia-node and go-jsonrpc: positional params,
/// <c>uint64</c> as a JSON number, <c>[]byte</c> as base64, namespaces of 29 bytes with version 0 and 18 zero bytes,
/// blobs as <c>{namespace, data, share_version, commitment, index}</c> with the share commitment celestia-app computes.
/// A violation throws <see cref="WireViolation"/> (answered as JSON-RPC -32602).
/// </summary>
internal static class FakeCelestiaWire
{
    private static readonly HashSet<string> BlobFields = ["namespace", "data", "share_version", "commitment", "index", "signer"];

    private static readonly HashSet<string> TxConfigFields =
        ["gas_price", "is_gas_price_set", "max_gas_price", "gas", "tx_priority", "key_name", "signer_address", "fee_granter_address"];

    public static void Arity(JsonElement @params, int count, string method)
    {
        if (@params.GetArrayLength() != count)
        {
            throw new WireViolation($"{method} takes {count} positional params, got {@params.GetArrayLength()}");
        }
    }

    public static ulong Height(JsonElement e)
    {
        if (e.ValueKind != JsonValueKind.Number || !e.TryGetUInt64(out var h))
        {
            throw new WireViolation($"height must be a JSON number (uint64), got {e.ValueKind}");
        }

        return h;
    }

    public static byte[] Bytes(JsonElement e, string what)
    {
        if (e.ValueKind != JsonValueKind.String || !e.TryGetBytesFromBase64(out var bytes))
        {
            throw new WireViolation($"{what} must be a base64 string");
        }

        return bytes;
    }

    public static byte[] Namespace(JsonElement e)
    {
        var ns = Bytes(e, "namespace");
        if (ns.Length != CelestiaNamespace.Size)
        {
            throw new WireViolation($"invalid namespace length: {ns.Length}. Must be {CelestiaNamespace.Size} bytes");
        }

        if (!CelestiaNamespace.IsVersionZero(ns))
        {
            throw new WireViolation("unsupported namespace: version 0 ids must start with 18 zero bytes");
        }

        return ns;
    }

    public static StoredBlob SubmittedBlob(JsonElement e)
    {
        if (e.ValueKind != JsonValueKind.Object)
        {
            throw new WireViolation("a blob must be a JSON object");
        }

        foreach (var property in e.EnumerateObject())
        {
            if (!BlobFields.Contains(property.Name))
            {
                throw new WireViolation($"unknown blob field \"{property.Name}\"");
            }
        }

        var ns = Namespace(e.GetProperty("namespace"));
        var data = e.TryGetProperty("data", out var d) ? Bytes(d, "data") : throw new WireViolation("blob has no data");
        if (data.Length == 0)
        {
            throw new WireViolation("blob data must be > 0 bytes");
        }

        if (!e.TryGetProperty("share_version", out var sv) || sv.ValueKind != JsonValueKind.Number || sv.GetUInt32() != 0)
        {
            throw new WireViolation("share_version must be the number 0 (share version 0)");
        }

        var commitment = e.TryGetProperty("commitment", out var c) ? Bytes(c, "commitment") : throw new WireViolation("blob has no commitment");
        if (!commitment.AsSpan().SequenceEqual(ShareCommitment.Compute(ns, data)))
        {
            throw new WireViolation("blob commitment does not match its data");
        }

        if (!e.TryGetProperty("index", out var ix) || ix.ValueKind != JsonValueKind.Number || ix.GetInt64() != -1)
        {
            throw new WireViolation("a blob to submit has index -1");
        }

        return new StoredBlob(ns, data, commitment, -1);
    }

    /// <summary>celestia-node <c>state/txclient/tx_config.go</c> <c>jsonTxConfig</c>; returns the explicit gas price, if any.
    /// A <c>null</c> config is not checked here: the node fails on it (HTTP 500), see the dispatcher.</summary>
    public static double? TxConfig(JsonElement e)
    {
        if (e.ValueKind != JsonValueKind.Object)
        {
            throw new WireViolation("the tx config must be an object");
        }

        foreach (var property in e.EnumerateObject())
        {
            if (!TxConfigFields.Contains(property.Name))
            {
                throw new WireViolation($"unknown tx config field \"{property.Name}\"");
            }
        }

        var set = e.TryGetProperty("is_gas_price_set", out var isSet) && isSet.ValueKind == JsonValueKind.True;
        if (e.TryGetProperty("gas_price", out var price))
        {
            if (price.ValueKind != JsonValueKind.Number)
            {
                throw new WireViolation("gas_price must be a number");
            }

            if (!set)
            {
                throw new WireViolation("gas_price without is_gas_price_set: true is ignored by celestia-node");
            }
        }

        if (e.TryGetProperty("max_gas_price", out var max) && (max.ValueKind != JsonValueKind.Number || max.GetDouble() < 0))
        {
            throw new WireViolation("max_gas_price must be a number, 0 or more");
        }

        if (e.TryGetProperty("tx_priority", out var priority) && (priority.ValueKind != JsonValueKind.Number || priority.GetInt32() is < 1 or > 3))
        {
            throw new WireViolation("tx_priority must be 1, 2 or 3");
        }

        return set ? price.GetDouble() : null;
    }

    public static void WriteBlob(Utf8JsonWriter w, StoredBlob blob)
    {
        w.WriteStartObject();
        w.WriteBase64String("namespace", blob.Namespace);
        w.WriteBase64String("data", blob.Data);
        w.WriteNumber("share_version", blob.ShareVersion);
        w.WriteBase64String("commitment", blob.Commitment);
        w.WriteNumber("index", blob.Index);
        if (blob.Signer is { } signer)
        {
            w.WriteBase64String("signer", signer); // share version 1 (celestia-node blob/blob.go jsonBlob)
        }
        w.WriteEndObject();
    }

    /// <summary>A trimmed ExtendedHeader: tendermint writes the height as a string.</summary>
    public static void WriteHeader(Utf8JsonWriter w, ulong height)
    {
        w.WriteStartObject();
        w.WriteStartObject("header");
        w.WriteString("chain_id", "private");
        w.WriteString("height", height.ToString(System.Globalization.CultureInfo.InvariantCulture));
        w.WriteString("time", "2025-01-01T00:00:00Z");
        w.WriteEndObject();
        w.WriteStartObject("commit");
        w.WriteString("height", height.ToString(System.Globalization.CultureInfo.InvariantCulture));
        w.WriteEndObject();
        w.WriteStartObject("validator_set");
        w.WriteEndObject();
        w.WriteStartObject("dah");
        w.WriteEndObject();
        w.WriteEndObject();
    }
}

/// <summary>A blob held by the fake node; <see cref="Index"/> is its first share index once included.</summary>
internal sealed record StoredBlob(byte[] Namespace, byte[] Data, byte[] Commitment, long Index, int ShareVersion = 0, byte[]? Signer = null);

/// <summary>The client broke celestia-node's wire format.</summary>
internal sealed class WireViolation(string message) : Exception(message);
