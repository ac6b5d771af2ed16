using System.Buffers;

namespace Fontana.Core.X402;

/// <summary>
/// Encodes and decodes the x402 v2 HTTP header values: base64 of the UTF-8 JSON object
/// (<c>specs/transports-v2/http.md</c>). Decoders accept standard or URL-safe base64, with or without padding,
/// at most <see cref="MaxHeaderLength"/> characters, and throw only <see cref="X402FormatException"/>.
/// </summary>
public static class X402HeaderCodec
{
    /// <summary>Longest header value (base64 characters) encoded or accepted: 16 KiB.</summary>
    public const int MaxHeaderLength = 16 * 1024;

    /// <summary>Value of the <c>PAYMENT-REQUIRED</c> header.</summary>
    public static string EncodePaymentRequired(PaymentRequired value) => Encode(value, X402Headers.PaymentRequired);

    /// <summary>Parses the <c>PAYMENT-REQUIRED</c> header.</summary>
    /// <exception cref="X402FormatException">See <see cref="X402FormatException.Code"/>.</exception>
    public static PaymentRequired DecodePaymentRequired(string? header) => Decode<PaymentRequired>(header, X402Headers.PaymentRequired);

    /// <summary>Value of the <c>PAYMENT-SIGNATURE</c> header.</summary>
    public static string EncodePaymentSignature(PaymentPayload value) => Encode(value, X402Headers.PaymentSignature);

    /// <summary>Parses the <c>PAYMENT-SIGNATURE</c> header.</summary>
    /// <exception cref="X402FormatException">See <see cref="X402FormatException.Code"/>.</exception>
    public static PaymentPayload DecodePaymentSignature(string? header) => Decode<PaymentPayload>(header, X402Headers.PaymentSignature);

    /// <summary>
    /// Value of the <c>PAYMENT-SIGNATURE</c> header of a Fontana <c>exact</c> payment: the same value as
    /// <see cref="EncodePaymentSignature(PaymentPayload)"/> of a payload whose <see cref="PaymentPayload.Payload"/> is
    /// <paramref name="payload"/>'s JSON, written in one pass (no intermediate JSON object; the SDK's hot path).
    /// </summary>
    /// <exception cref="X402FormatException">A field is invalid, or the header would be too large.</exception>
    public static string EncodeFontanaPaymentSignature(ResourceInfo? resource, PaymentRequirements accepted, FontanaExactPayload payload, System.Text.Json.JsonElement? extensions) =>
        ToHeader(X402Json.SerializeFontanaPaymentToPooledUtf8(resource, accepted, payload, extensions), X402Headers.PaymentSignature);

    /// <summary>Value of the <c>PAYMENT-RESPONSE</c> header.</summary>
    public static string EncodePaymentResponse(SettlementResponse value) => Encode(value, X402Headers.PaymentResponse);

    /// <summary>Parses the <c>PAYMENT-RESPONSE</c> header.</summary>
    /// <exception cref="X402FormatException">See <see cref="X402FormatException.Code"/>.</exception>
    public static SettlementResponse DecodePaymentResponse(string? header) => Decode<SettlementResponse>(header, X402Headers.PaymentResponse);

    private static string Encode<T>(T value, string header)
        where T : class =>
        // The JSON goes into a per-thread buffer and from there straight into the header string as base64: no JSON
        // byte array, no second copy (the header string is the only allocation of its size).
        ToHeader(X402Json.SerializeToPooledUtf8(value), header);

    private static string ToHeader(ArrayBufferWriter<byte> json, string header)
    {
        var length = (json.WrittenCount + 2) / 3 * 4;
        if (length > MaxHeaderLength)
        {
            throw new X402FormatException(
                X402FormatException.HeaderTooLarge, $"{header} would be {length} characters; the limit is {MaxHeaderLength}");
        }

        return string.Create(length, json, static (chars, buffer) => Convert.TryToBase64Chars(buffer.WrittenSpan, chars, out _));
    }

    private static T Decode<T>(string? header, string name)
        where T : class
    {
        var text = header.AsSpan().Trim();
        if (text.IsEmpty)
        {
            throw new X402FormatException(X402FormatException.EmptyHeader, $"{name} header is missing or empty");
        }

        if (text.Length > MaxHeaderLength)
        {
            throw new X402FormatException(
                X402FormatException.HeaderTooLarge, $"{name} header is {text.Length} characters; the limit is {MaxHeaderLength}");
        }

        var bytes = ArrayPool<byte>.Shared.Rent((text.Length + 3) / 4 * 3);
        char[]? chars = null;
        try
        {
            // Standard padded base64 (what every encoder here writes) decodes as it is; only base64url or unpadded text
            // is first copied into standard form.
            var standard = text.Length % 4 == 0 && !text.ContainsAny('-', '_');
            var length = text.Length;
            if (!standard)
            {
                chars = ArrayPool<char>.Shared.Rent(text.Length + 3);
                length = Normalize(text, chars);
            }

            if (length < 0 || !Convert.TryFromBase64Chars(standard ? text : chars.AsSpan(0, length), bytes, out var written))
            {
                throw new X402FormatException(X402FormatException.BadBase64, $"{name} header is not base64");
            }

            return X402Json.Deserialize<T>(bytes.AsSpan(0, written), name);
        }
        finally
        {
            if (chars is not null)
            {
                ArrayPool<char>.Shared.Return(chars);
            }

            ArrayPool<byte>.Shared.Return(bytes);
        }
    }

    /// <summary>Copies base64 or base64url into <paramref name="destination"/> as padded standard base64; -1 if impossible.</summary>
    private static int Normalize(ReadOnlySpan<char> text, Span<char> destination)
    {
        var length = 0;
        foreach (var c in text)
        {
            destination[length++] = c switch
            {
                '-' => '+',
                '_' => '/',
                _ => c,
            };
        }

        if (!text.Contains('='))
        {
            switch (length % 4)
            {
                case 1:
                    return -1;
                case 2:
                    destination[length++] = '=';
                    destination[length++] = '=';
                    break;
                case 3:
                    destination[length++] = '=';
                    break;
            }
        }

        return length;
    }
}
