using Fontana.Core.Errors;

namespace Fontana.Node.Follower;

/// <summary>The sequencer could not be reached or answered with a server error (<c>sequencer-unavailable</c>).</summary>
public sealed class SequencerUnavailableException : Exception
{
    public SequencerUnavailableException()
        : this("the sequencer is unavailable")
    {
    }

    public SequencerUnavailableException(string message)
        : base(message)
    {
    }

    public SequencerUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Always <c>sequencer-unavailable</c>.</summary>
    public static string Code => ErrorCodes.SequencerUnavailable;
}
