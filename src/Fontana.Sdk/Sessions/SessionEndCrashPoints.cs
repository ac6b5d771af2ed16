using Fontana.Core.Diagnostics;

namespace Fontana.Sdk.Sessions;

/// <summary>
/// Named steps of <see cref="SessionEnder"/> (a payer closing its sessions or reclaiming expired ones) where the SIGKILL
/// crash tests stop the process: armed by <c>FONTANA_SESSION_END_CRASH_AT</c>, never set outside those tests
/// (tests/Fontana.Sdk.Tests/Sessions/SessionEnderCrashTests.cs). Reaching the armed point writes one line on stderr and
/// kills this process with SIGKILL, so nothing after it runs (no record saved, no finally blocks). Unset, every
/// <see cref="Reach"/> is a no-op.
/// </summary>
internal static class SessionEndCrashPoints
{
    /// <summary>The environment variable that arms one point.</summary>
    public const string Variable = "FONTANA_SESSION_END_CRASH_AT";

    /// <summary>The node says the session is open; the close is not sent.</summary>
    public const string CloseBeforeSubmit = "close-before-submit";

    /// <summary>The node accepted the close; the session's record is not saved closed.</summary>
    public const string CloseAfterSubmit = "close-after-submit";

    /// <summary>The session's record is saved closed.</summary>
    public const string CloseAfterRecord = "close-after-record";

    /// <summary>An expired session on record is due for reclaim; the reclaim is not sent.</summary>
    public const string ReclaimBeforeSubmit = "reclaim-before-submit";

    /// <summary>The node accepted the reclaim; the session's record is not saved closed.</summary>
    public const string ReclaimAfterSubmit = "reclaim-after-submit";

    /// <summary>The reclaimed session's record is saved closed.</summary>
    public const string ReclaimAfterRecord = "reclaim-after-record";

    /// <summary>Every point, in the order a close and a reclaim pass them.</summary>
    public static IReadOnlyList<string> All { get; } =
        [CloseBeforeSubmit, CloseAfterSubmit, CloseAfterRecord, ReclaimBeforeSubmit, ReclaimAfterSubmit, ReclaimAfterRecord];

    /// <summary>Stops the process here when <paramref name="point"/> is the armed one; throws when the variable names no
    /// known point, so a test's typo cannot pass unnoticed.</summary>
    public static void Reach(string point) => CrashPoint.Reach(Variable, All, point);
}
