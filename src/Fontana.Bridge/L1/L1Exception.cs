using Fontana.Core.Errors;

namespace Fontana.Bridge.L1;

/// <summary>An L1 failure with a stable <see cref="Code"/> (<c>l1-*</c> in <see cref="ErrorCodes"/>) and whether a
/// retry may succeed. The daemons retry transient ones with backoff and raise their alert when they persist.</summary>
public sealed class L1Exception : Exception
{
    public L1Exception(string code, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Code = code;
    }

    public L1Exception()
        : this(ErrorCodes.L1Unavailable, "the L1 failed")
    {
    }

    public L1Exception(string message)
        : this(ErrorCodes.L1Unavailable, message)
    {
    }

    public L1Exception(string message, Exception innerException)
        : this(ErrorCodes.L1Unavailable, message, innerException)
    {
    }

    /// <summary>Kebab-case code, e.g. <c>l1-unavailable</c>.</summary>
    public string Code { get; }

    /// <summary>Whether retrying the same call may succeed.</summary>
    public bool IsTransient => IsTransientCode(Code);

    /// <summary>Transient: unreachable, fee too low, vault short of funds. Permanent until someone acts: bad token,
    /// disabled indexing, a malformed answer, a rejected transaction.</summary>
    public static bool IsTransientCode(string code) =>
        code is ErrorCodes.L1Unavailable or ErrorCodes.L1FeeTooLow or ErrorCodes.L1InsufficientFunds;

    public override string ToString() => $"{Code}: {base.ToString()}";
}
