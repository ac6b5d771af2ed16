using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Fontana.Core.Api;
using Fontana.Core.Receipts;

namespace Fontana.Core.X402;

/// <summary>
/// Where a Fontana <see cref="SettlementResponse"/> carries the provisional receipt: in <c>extensions</c> under
/// <see cref="ExtensionKey"/>.<see cref="ReceiptKey"/>, as the node API's <see cref="ReceiptDto"/> JSON
/// (<c>{"fontana":{"receipt":{"txId":…,"sequence":…,"acceptedAt":…,"sequencerSignature":…}}}</c>).
/// Providers write it with <see cref="ToExtensions"/>; consumers read it with <see cref="TryRead"/>.
/// </summary>
public static class FontanaExactReceipt
{
    /// <summary>The key of Fontana's object inside <see cref="SettlementResponse.Extensions"/>.</summary>
    public const string ExtensionKey = "fontana";

    /// <summary>The key of the receipt inside Fontana's extension object.</summary>
    public const string ReceiptKey = "receipt";

    /// <summary>The receipt as the DTO of the node API (signature as lowercase hex).</summary>
    public static ReceiptDto ToDto(ProvisionalReceipt receipt)
    {
        ArgumentNullException.ThrowIfNull(receipt);
        return new ReceiptDto(
            receipt.TxId.ToString(), receipt.Sequence, receipt.AcceptedAt, Convert.ToHexStringLower(receipt.SequencerSignature.Span));
    }

    /// <summary>The <c>extensions</c> object holding <paramref name="receipt"/>.</summary>
    public static JsonElement ToExtensions(ReceiptDto receipt)
    {
        ArgumentNullException.ThrowIfNull(receipt);
        // One buffer per thread, reused: the writer asks for room for the worst-case escaping of each string, which
        // made a fresh buffer grow (and be thrown away) several times per paid call.
        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(4096);
        buffer.ResetWrittenCount();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartObject(ExtensionKey);
            writer.WritePropertyName(ReceiptKey);
            JsonSerializer.Serialize(writer, receipt, ApiJsonContext.Default.ReceiptDto);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        return document.RootElement.Clone();
    }

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_buffer;

    /// <summary>The key of the flag a facilitator sets on the original answer it returns to a retry.</summary>
    public const string AlreadySettledKey = "alreadySettled";

    /// <summary><paramref name="extensions"/> with <c>fontana.alreadySettled: true</c> added (the receipt is kept).</summary>
    public static JsonElement MarkAlreadySettled(JsonElement? extensions)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartObject(ExtensionKey);
            if (extensions is { ValueKind: JsonValueKind.Object } e && e.TryGetProperty(ExtensionKey, out var fontana) && fontana.ValueKind == JsonValueKind.Object)
            {
                foreach (var property in fontana.EnumerateObject())
                {
                    if (property.Name != AlreadySettledKey)
                    {
                        property.WriteTo(writer);
                    }
                }
            }

            writer.WriteBoolean(AlreadySettledKey, true);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        return document.RootElement.Clone();
    }

    /// <summary>True when a facilitator marked <paramref name="response"/> as the original answer to a retry (never throws).</summary>
    public static bool IsAlreadySettled(SettlementResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return response.Extensions is { ValueKind: JsonValueKind.Object } e
            && e.TryGetProperty(ExtensionKey, out var fontana)
            && fontana.ValueKind == JsonValueKind.Object
            && fontana.TryGetProperty(AlreadySettledKey, out var flag)
            && flag.ValueKind == JsonValueKind.True;
    }

    /// <summary>Reads the receipt from a settlement response; false when absent or malformed (never throws).</summary>
    public static bool TryRead(SettlementResponse response, [NotNullWhen(true)] out ReceiptDto? receipt)
    {
        ArgumentNullException.ThrowIfNull(response);
        receipt = null;
        if (response.Extensions is not { ValueKind: JsonValueKind.Object } extensions
            || !extensions.TryGetProperty(ExtensionKey, out var fontana)
            || fontana.ValueKind != JsonValueKind.Object
            || !fontana.TryGetProperty(ReceiptKey, out var element)
            || element.ValueKind != JsonValueKind.Object)
        {
            return false;
        }

        try
        {
            receipt = element.Deserialize(ApiJsonContext.Default.ReceiptDto);
        }
        catch (JsonException)
        {
            return false;
        }

        return receipt is { TxId: not null, SequencerSignature: not null };
    }

    /// <summary>Converts the DTO back to a <see cref="ProvisionalReceipt"/>; false when a field is malformed.</summary>
    public static bool TryToReceipt(ReceiptDto dto, [NotNullWhen(true)] out ProvisionalReceipt? receipt)
    {
        ArgumentNullException.ThrowIfNull(dto);
        receipt = null;
        if (!Hash32.TryParse(dto.TxId, out var txId) || dto.SequencerSignature is not { Length: ProvisionalReceipt.SignatureLength * 2 })
        {
            return false;
        }

        var signature = new byte[ProvisionalReceipt.SignatureLength];
        if (Convert.FromHexString(dto.SequencerSignature, signature, out _, out var written) != OperationStatus.Done
            || written != signature.Length)
        {
            return false;
        }

        receipt = new ProvisionalReceipt(txId, dto.Sequence, dto.AcceptedAt, signature);
        return true;
    }
}
