using Fontana.Core.Errors;

namespace Fontana.DataAvailability.Envelope;

/// <summary>The only exception <see cref="DaEnvelope.Decode"/> throws: the bytes are not a Fontana DA envelope.</summary>
internal sealed class DaEnvelopeFormatException(string message) : FormatException(message)
{
    public const string Code = ErrorCodes.DaEnvelopeInvalid;
}
