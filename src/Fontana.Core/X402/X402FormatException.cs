using Fontana.Core.Errors;

namespace Fontana.Core.X402;

/// <summary>
/// An x402 header or JSON body could not be decoded. <see cref="Code"/> is a stable kebab-case code;
/// x402 decoders throw nothing else.
/// </summary>
public sealed class X402FormatException : FormatException
{
    /// <summary>The header value is not base64.</summary>
    public const string BadBase64 = "bad-base64";

    /// <summary>The bytes are not UTF-8 JSON of the expected shape (wrong types, trailing data, duplicate keys…).</summary>
    public const string BadJson = ErrorCodes.BadJson;

    /// <summary>A required field is absent or null (or a required list is empty).</summary>
    public const string MissingField = ErrorCodes.MissingField;

    /// <summary>A field is present but its value is not allowed (bad hex, bad address, out of range, too long…).</summary>
    public const string InvalidField = ErrorCodes.InvalidField;

    /// <summary><c>x402Version</c> is not 2.</summary>
    public const string UnsupportedVersion = ErrorCodes.UnsupportedVersion;

    /// <summary>The header value or body is longer than the decoder accepts.</summary>
    public const string HeaderTooLarge = ErrorCodes.HeaderTooLarge;

    /// <summary>The header is absent or empty.</summary>
    public const string EmptyHeader = ErrorCodes.EmptyHeader;

    /// <summary>A <c>bad-json</c> error with a generic message (prefer the constructor that takes a code).</summary>
    public X402FormatException()
        : this(BadJson, "malformed x402 data")
    {
    }

    /// <summary>A <c>bad-json</c> error with <paramref name="message"/> as the reason.</summary>
    public X402FormatException(string message)
        : this(BadJson, message)
    {
    }

    /// <summary>A <c>bad-json</c> error caused by <paramref name="innerException"/>.</summary>
    public X402FormatException(string message, Exception? innerException)
        : this(BadJson, message, innerException)
    {
    }

    /// <summary>An error with one of this type's codes (e.g. <see cref="BadBase64"/>) and what is wrong.</summary>
    public X402FormatException(string code, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        ArgumentException.ThrowIfNullOrEmpty(code);
        Code = code;
    }

    /// <summary>Stable kebab-case code, one of the constants of this class.</summary>
    public string Code { get; }

    internal static X402FormatException Missing(string path) => new(MissingField, $"{path} is required");

    internal static X402FormatException Invalid(string path, string reason) => new(InvalidField, $"{path} {reason}");
}
