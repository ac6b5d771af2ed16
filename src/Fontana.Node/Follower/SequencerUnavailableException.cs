using Fontana.Core.Errors;

namespace Fontana.Node.Follower;

/// <summary>The sequencer could not be reached or answered with a server error (<c>sequencer-unavailable</c>).</summary>
public sealed class SequencerUnavailableException : Exception
{
    /// <summary>A <c>sequencer-unavailable</c> with a generic message.</summary>
    public SequencerUnavailableException()
        : this("the sequencer is unavailable")
    {
    }

    /// <summary>A <c>sequencer-unavailable</c> with <paramref name="message"/>.</summary>
    public SequencerUnavailableException(string message)
        : base(message)
    {
    }

    /// <summary>A <c>sequencer-unavailable</c> caused by <paramref name="innerException"/> (e.g. an <see cref="HttpRequestException"/>).</summary>
    public SequencerUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Always <c>sequencer-unavailable</c>.</summary>
    public static string Code => ErrorCodes.SequencerUnavailable;
}
