namespace Fontana.Core.Encoding;

/// <summary>
/// Bytes (or text) that are not a canonical Fontana encoding. The only exception the Fontana decoders throw.
/// <see cref="Code"/> is a stable kebab-case code from <see cref="FormatErrorCode"/>; the message says what is wrong.
/// </summary>
public sealed class FontanaFormatException : FormatException
{
    public FontanaFormatException()
        : this(FormatErrorCode.Malformed, "malformed encoding")
    {
    }

    public FontanaFormatException(string message)
        : this(FormatErrorCode.Malformed, message)
    {
    }

    public FontanaFormatException(string message, Exception? innerException)
        : base(message, innerException)
    {
        Code = FormatErrorCode.Malformed;
    }

    public FontanaFormatException(string code, string message)
        : base(message)
    {
        ArgumentException.ThrowIfNullOrEmpty(code);
        Code = code;
    }

    /// <summary>The stable kebab-case code, e.g. <c>truncated</c>, <c>trailing-bytes</c>, <c>too-many-inputs</c>.</summary>
    public string Code { get; }
}
