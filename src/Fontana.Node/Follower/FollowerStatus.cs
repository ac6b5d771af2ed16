using Fontana.Core;
using Fontana.Core.Errors;
using Fontana.Node.Diagnostics;

namespace Fontana.Node.Follower;

/// <summary>
/// What a follower knows about its own sync, shared by the sync loop, the health check and the submission forwarder:
/// whether it has halted (equivocation, or a sequencer-signed block that does not replay) and why, and the last
/// sequencer tip it saw. A halt is final until the process restarts: the operator must look first.
/// </summary>
public sealed class FollowerStatus(NodeMetrics metrics, ILogger<FollowerStatus> logger)
{
    private readonly Lock _gate = new();
    private FollowerHalt? _halt;
    private long _sequencerTip = -1;

    /// <summary>Why the follower stopped syncing, or null while it syncs.</summary>
    public FollowerHalt? Halt
    {
        get
        {
            lock (_gate)
            {
                return _halt;
            }
        }
    }

    /// <summary>The highest tip height the sequencer reported, or null before the first answer.</summary>
    public ulong? SequencerTip => Interlocked.Read(ref _sequencerTip) is var t and >= 0 ? (ulong)t : null;

    internal void SawSequencerTip(ulong height)
    {
        long seen;
        do
        {
            seen = Interlocked.Read(ref _sequencerTip);
        }
        while ((long)height > seen && Interlocked.CompareExchange(ref _sequencerTip, (long)height, seen) != seen);
    }

    /// <summary>Stops the follower: two different blocks signed by the sequencer at <paramref name="height"/>.</summary>
    internal FollowerHalt Equivocate(ulong height, Hash32 held, Hash32 other, string source)
    {
        var halt = new FollowerHalt(ErrorCodes.Equivocation, height,
            $"the sequencer signed two different blocks at height {height}: {held} (applied) and {other} (from {source}); syncing stopped", held, other);
        metrics.SetEquivocation();
        return Stop(halt);
    }

    /// <summary>Stops the follower: a block signed by the sequencer does not replay (<paramref name="code"/> from the ledger).</summary>
    internal FollowerHalt Invalid(ulong height, string code, string reason) =>
        Stop(new FollowerHalt(code, height, $"block {height} from the sequencer does not replay: {reason}; syncing stopped", null, null));

    private FollowerHalt Stop(FollowerHalt halt)
    {
        lock (_gate)
        {
            if (_halt is not null)
            {
                return _halt;
            }

            _halt = halt;
        }

        metrics.SetDaemonAlert(FollowerSync.DaemonName, raised: true);
        logger.LogCritical("follower ALERT {Code}: {Reason}", halt.Code, halt.Reason);
        return halt;
    }
}
