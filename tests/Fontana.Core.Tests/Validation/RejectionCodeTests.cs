using System.Text.RegularExpressions;
using Fontana.Core.Encoding;
using Fontana.Core.Validation;

namespace Fontana.Core.Tests.Validation;

public partial class RejectionCodeTests
{
    [Fact]
    public void All_CodesAreDistinctKebabCase()
    {
        RejectionCode.All.Select(c => c.Value).Distinct().Count().ShouldBe(RejectionCode.All.Count);
        RejectionCode.All.ShouldAllBe(c => KebabCase().IsMatch(c.Value));
    }

    [Fact]
    public void All_EveryCodeIsDocumentedInProtocolMd()
    {
        var protocol = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "protocol.md"));
        foreach (var code in RejectionCode.All)
        {
            protocol.ShouldContain($"`{code.Value}`", customMessage: $"docs/protocol.md does not document {code.Value}");
        }
    }

    [Fact]
    public void TryParse_KnownAndUnknownText()
    {
        RejectionCode.TryParse("input-spent", out var code).ShouldBeTrue();
        code.ShouldBe(RejectionCode.InputSpent);
        RejectionCode.TryParse("Input-Spent", out _).ShouldBeFalse();
        RejectionCode.TryParse(null, out _).ShouldBeFalse();
        default(RejectionCode).IsNone.ShouldBeTrue();
        default(RejectionCode).Value.ShouldBe(string.Empty);
    }

    [Theory]
    [InlineData(FormatErrorCode.TooManyInputs, "too-many-inputs")]
    [InlineData(FormatErrorCode.TooManyOutputs, "too-many-outputs")]
    [InlineData(FormatErrorCode.MemoTooLong, "memo-too-long")]
    [InlineData(FormatErrorCode.ExternalRefTooLong, "external-ref-too-long")]
    [InlineData(FormatErrorCode.TooLarge, "too-large")]
    [InlineData(FormatErrorCode.BadVersion, "unsupported-version")]
    [InlineData(FormatErrorCode.Truncated, "malformed")]
    [InlineData(FormatErrorCode.BadKind, "malformed")]
    [InlineData(FormatErrorCode.BadChainId, "malformed")]
    [InlineData("something-new", "malformed")]
    public void FromFormatCode_MapsLimitsToTheirOwnCode(string formatCode, string expected)
    {
        RejectionCode.FromFormatCode(formatCode).Value.ShouldBe(expected);
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Fontana.slnx")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("repository root (Fontana.slnx) not found");
    }

    [GeneratedRegex("^[a-z]+(-[a-z0-9]+)*$")]
    private static partial Regex KebabCase();
}
