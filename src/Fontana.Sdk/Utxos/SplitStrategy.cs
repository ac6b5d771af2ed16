using Fontana.Core;
using Fontana.Core.Encoding;

namespace Fontana.Sdk.Utxos;

/// <summary>
/// How many outputs a just-in-time split creates. A split happens when calls are waiting and no free output suits
/// them (none covers a call, or the only ones that do could pay for several calls); it creates equal outputs of the
/// most common waiting price (price + fee), one output for each call waiting with another price, and change.
/// Override <see cref="GetOutputCount"/> for another policy.
/// </summary>
public class SplitStrategy
{
    /// <summary>Largest number of outputs a split may create besides its change (protocol limit minus one).</summary>
    public const int MaxOutputsPerSplit = TransactionCodec.MaxOutputs - 1;

    /// <summary>Outputs created per call waiting at the common price (default 2: headroom for the next calls).</summary>
    public int OutputsPerWaitingCall { get; init; } = 2;

    /// <summary>Fewest equal outputs a split creates (default 8).</summary>
    public int MinimumOutputs { get; init; } = 8;

    /// <summary>Most outputs a split creates, at most <see cref="MaxOutputsPerSplit"/> (default 255).</summary>
    public int MaximumOutputs { get; init; } = MaxOutputsPerSplit;

    /// <summary>Most inputs a split consolidates when no single output is large enough (default 64).</summary>
    public int MaximumInputs { get; init; } = 64;

    /// <summary>
    /// The number of equal outputs of <paramref name="outputAmount"/> to create while <paramref name="waitingCalls"/>
    /// calls wait for that amount. The split shrinks the count if the funds do not cover it.
    /// </summary>
    public virtual int GetOutputCount(Amount outputAmount, int waitingCalls)
    {
        var wanted = (long)waitingCalls * Math.Max(1, OutputsPerWaitingCall);
        return (int)Math.Clamp(wanted, Math.Max(1, MinimumOutputs), Math.Clamp(MaximumOutputs, 1, MaxOutputsPerSplit));
    }

    internal void Validate()
    {
        if (OutputsPerWaitingCall < 1 || MinimumOutputs < 1 || MaximumOutputs < 1 || MaximumInputs < 1)
        {
            throw new ArgumentException("SplitStrategy: OutputsPerWaitingCall, MinimumOutputs, MaximumOutputs and MaximumInputs must be at least 1");
        }

        if (MaximumOutputs > MaxOutputsPerSplit || MaximumInputs > TransactionCodec.MaxInputs)
        {
            throw new ArgumentException(
                $"SplitStrategy: MaximumOutputs is at most {MaxOutputsPerSplit} and MaximumInputs at most {TransactionCodec.MaxInputs}");
        }
    }
}
