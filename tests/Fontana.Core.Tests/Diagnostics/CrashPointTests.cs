using Fontana.Core.Diagnostics;

namespace Fontana.Core.Tests.Diagnostics;

/// <summary>The arming rules of <see cref="CrashPoint"/> (the kill itself is exercised by the SIGKILL tests of the
/// bridge, the CLI's sessions and the SDK's session ender). Each test uses its own variable: the environment is shared.</summary>
public sealed class CrashPointTests
{
    private static readonly string[] Known = ["before-send", "after-send"];

    [Fact]
    public void Armed_Unset_IsNullAndReachReturns()
    {
        const string variable = "FONTANA_TEST_CRASH_POINT_UNSET";
        Environment.SetEnvironmentVariable(variable, null);

        CrashPoint.Armed(variable, Known).ShouldBeNull();
        CrashPoint.Reach(variable, Known, "before-send");
    }

    [Fact]
    public void Armed_KnownPoint_IsThatPointAndReachingAnotherReturns()
    {
        const string variable = "FONTANA_TEST_CRASH_POINT_KNOWN";
        Environment.SetEnvironmentVariable(variable, "after-send");
        try
        {
            CrashPoint.Armed(variable, Known).ShouldBe("after-send");
            CrashPoint.Reach(variable, Known, "before-send");
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }
    }

    [Fact]
    public void Armed_UnknownPoint_ThrowsNamingTheKnownOnes()
    {
        const string variable = "FONTANA_TEST_CRASH_POINT_TYPO";
        Environment.SetEnvironmentVariable(variable, "after-sned");
        try
        {
            var e = Should.Throw<InvalidOperationException>(() => CrashPoint.Reach(variable, Known, "after-send"));
            e.Message.ShouldContain("FONTANA_TEST_CRASH_POINT_TYPO=after-sned names no crash point");
            e.Message.ShouldContain("before-send, after-send");
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }
    }
}
