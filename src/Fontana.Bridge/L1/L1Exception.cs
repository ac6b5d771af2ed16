using Fontana.Core.Errors;

namespace Fontana.Bridge.L1;

/// <summary>An L1 failure with a stable <see cref="Code"/> (<c>l1-*</c> in <see cref="ErrorCodes"/>) and whether a
/// retry may succeed. The daemons retry transient ones with backoff and raise their alert when they persist.</summary>
public sealed class L1Exception : Exception
{
    /// <summary>A failure with <paramref name="code"/> (an <c>l1-*</c> code of <see cref="ErrorCodes"/>) and what went wrong.</summary>
    public L1Exception(string code, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Code = code;
    }

    /// <summary>An <c>l1-unavailable</c> with a generic message.</summary>
    public L1Exception()
        : this(ErrorCodes.L1Unavailable, "the L1 failed")
    {
    }

    /// <summary>An <c>l1-unavailable</c> with <paramref name="message"/>.</summary>
    public L1Exception(string message)
        : this(ErrorCodes.L1Unavailable, message)
    {
    }

    /// <summary>An <c>l1-unavailable</c> caused by <paramref name="innerException"/>.</summary>
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
        code is ErrorCodes.L1Unavailable or ErrorCodes.L1FeeTooLow or ErrorCodes.L1InsufficientFunds or ErrorCodes.L1PayoutInDoubt;

    /// <summary>The code, then the usual exception text.</summary>
    public override string ToString() => $"{Code}: {base.ToString()}";
}
