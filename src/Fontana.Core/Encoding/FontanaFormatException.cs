namespace Fontana.Core.Encoding;

/// <summary>
/// Bytes (or text) that are not a canonical Fontana encoding. The only exception the Fontana decoders throw.
/// <see cref="Code"/> is a stable kebab-case code from <see cref="FormatErrorCode"/>; the message says what is wrong.
/// </summary>
public sealed class FontanaFormatException : FormatException
{
    /// <summary>A <c>malformed</c> error with a generic message (prefer the constructor that takes a code).</summary>
    public FontanaFormatException()
        : this(FormatErrorCode.Malformed, "malformed encoding")
    {
    }

    /// <summary>A <c>malformed</c> error with <paramref name="message"/> as the reason.</summary>
    public FontanaFormatException(string message)
        : this(FormatErrorCode.Malformed, message)
    {
    }

    /// <summary>A <c>malformed</c> error caused by <paramref name="innerException"/>.</summary>
    public FontanaFormatException(string message, Exception? innerException)
        : base(message, innerException)
    {
        Code = FormatErrorCode.Malformed;
    }

    /// <summary>An error with the <see cref="FormatErrorCode"/> <paramref name="code"/> (e.g. <c>truncated</c>); throws <see cref="ArgumentException"/> when the code is empty.</summary>
    public FontanaFormatException(string code, string message)
        : base(message)
    {
        ArgumentException.ThrowIfNullOrEmpty(code);
        Code = code;
    }

    /// <summary>The stable kebab-case code, e.g. <c>truncated</c>, <c>trailing-bytes</c>, <c>too-many-inputs</c>.</summary>
    public string Code { get; }
}
