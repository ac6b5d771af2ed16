using Fontana.Core.Diagnostics;

namespace Fontana.Bridge;

/// <summary>
/// The named steps of the deposit watcher and the withdrawal processor where a crash test stops the process. When the
/// environment variable <see cref="Variable"/> names one of <see cref="All"/>, the process kills itself with SIGKILL the
/// first time it reaches that step — no shutdown, no flush, as a power cut would — so the test can restart it on the
/// same data dir and check that nothing was done twice or lost (tests/Fontana.Node.Tests/Bridge/BridgeCrashTests.cs).
/// Unset (always, outside those tests) every <see cref="Reach"/> is a no-op.
/// </summary>
public sealed class BridgeCrashPoints
{
    /// <summary>The environment variable that arms one point: <c>FONTANA_BRIDGE_CRASH_AT</c>.</summary>
    public const string Variable = "FONTANA_BRIDGE_CRASH_AT";

    /// <summary>A transfer to the vault is found on L1; nothing is recorded yet.</summary>
    public const string DepositBeforeRecordSeen = "deposit-before-record-seen";

    /// <summary>The deposit is recorded <c>seen</c> with enough confirmations; the ledger has not minted it.</summary>
    public const string DepositBeforeMint = "deposit-before-mint";

    /// <summary>The ledger minted the deposit; the watcher has not recorded it <c>minted</c>.</summary>
    public const string DepositAfterMint = "deposit-after-mint";

    /// <summary>The deposit is recorded <c>minted</c>; the scan cursor has not moved past it.</summary>
    public const string DepositAfterRecordMinted = "deposit-after-record-minted";

    /// <summary>A withdrawal is recorded <c>pending</c>; the intent to pay is not recorded.</summary>
    public const string WithdrawalBeforeRecordIntent = "withdrawal-before-record-intent";

    /// <summary>The intent is recorded (<c>paying</c>); <c>state.Transfer</c> is not called yet.</summary>
    public const string WithdrawalBeforeSend = "withdrawal-before-send";

    /// <summary><c>state.Transfer</c> answered (the payout is on L1); its hash is not recorded.</summary>
    public const string WithdrawalAfterSend = "withdrawal-after-send";

    /// <summary>The payout's hash is recorded (<c>paid</c>); the confirmation is not submitted to the ledger.</summary>
    public const string WithdrawalBeforeConfirm = "withdrawal-before-confirm";

    /// <summary>The ledger accepted the confirmation; the processor has not recorded <c>confirmed</c>.</summary>
    public const string WithdrawalAfterConfirm = "withdrawal-after-confirm";

    /// <summary>The processor recorded <c>confirmed</c>.</summary>
    public const string WithdrawalAfterRecordConfirmed = "withdrawal-after-record-confirmed";

    private readonly string? _armed;
    private readonly Action<string> _crash;

    internal BridgeCrashPoints(string? armed, Action<string> crash)
    {
        if (armed is not null && !All.Contains(armed))
        {
            throw new ArgumentException($"{Variable}={armed} names no bridge crash point; known: {string.Join(", ", All)}", nameof(armed));
        }

        _armed = armed;
        _crash = crash;
    }

    /// <summary>Every point, in the order a deposit and a withdrawal pass them.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        DepositBeforeRecordSeen, DepositBeforeMint, DepositAfterMint, DepositAfterRecordMinted,
        WithdrawalBeforeRecordIntent, WithdrawalBeforeSend, WithdrawalAfterSend, WithdrawalBeforeConfirm, WithdrawalAfterConfirm,
        WithdrawalAfterRecordConfirmed,
    ];

    /// <summary>No point armed.</summary>
    public static BridgeCrashPoints None { get; } = new(null, static _ => { });

    /// <summary>The point named by <see cref="Variable"/>, if any; reaching it SIGKILLs this process (after one line on
    /// stderr naming it). Throws when the variable names no known point, so a test's typo cannot pass unnoticed.</summary>
    public static BridgeCrashPoints FromEnvironment() =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } armed ? new BridgeCrashPoints(armed, KillThisProcess) : None;

    /// <summary>Marks that the daemon is at <paramref name="point"/>; stops the process there when it is the armed one.</summary>
    public void Reach(string point)
    {
        if (_armed == point)
        {
            _crash(point);
        }
    }

    private static void KillThisProcess(string point) => CrashPoint.KillThisProcess(Variable, point);
}
