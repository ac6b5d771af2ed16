using Fontana.Core.Diagnostics;

namespace Fontana.Cli.Infrastructure;

/// <summary>
/// Named steps of <c>fontana sessions close</c> / <c>reclaim</c> where the SIGKILL crash tests stop the process: armed
/// by <c>FONTANA_SESSION_CRASH_AT</c>, never set outside those tests. Reaching the armed point writes one line on
/// stderr and kills this process with SIGKILL, so nothing after it runs (no record saved, no finally blocks).
/// </summary>
internal static class SessionCrashPoints
{
    /// <summary>The environment variable that arms one point.</summary>
    public const string Variable = "FONTANA_SESSION_CRASH_AT";

    /// <summary>The node accepted the close; the payer's session record is not saved yet.</summary>
    public const string CloseAfterSubmit = "close-after-submit";

    /// <summary>The node accepted the reclaim; the payer's session record is not saved yet.</summary>
    public const string ReclaimAfterSubmit = "reclaim-after-submit";

    private static readonly string[] All = [CloseAfterSubmit, ReclaimAfterSubmit];

    /// <summary>Stops the process here when <paramref name="point"/> is the armed one.</summary>
    public static void Reach(string point) => CrashPoint.Reach(Variable, All, point);
}
