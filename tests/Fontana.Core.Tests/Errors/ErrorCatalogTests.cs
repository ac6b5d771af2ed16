using System.Reflection;
using System.Text.RegularExpressions;
using Fontana.Core.Encoding;
using Fontana.Core.Errors;
using Fontana.Core.Validation;
using Fontana.Core.X402;

namespace Fontana.Core.Tests.Errors;

public sealed partial class ErrorCatalogTests
{
    private static readonly Dictionary<string, string> Codes = typeof(ErrorCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.IsLiteral)
        .ToDictionary(f => f.Name, f => (string)f.GetRawConstantValue()!);

    [Fact]
    public void ErrorCodes_EveryCode_IsKebabCaseAndDefinedOnce()
    {
        Codes.Count.ShouldBeGreaterThan(80);
        foreach (var (name, code) in Codes)
        {
            KebabCase().IsMatch(code).ShouldBeTrue($"{name} = \"{code}\" is not kebab-case");
        }

        Codes.Values.GroupBy(c => c).Where(g => g.Count() > 1).Select(g => g.Key).ShouldBeEmpty();
    }

    [Fact]
    public void TypedViews_EveryCode_ComesFromTheCatalogue()
    {
        var known = Codes.Values.ToHashSet();
        RejectionCode.All.Select(c => c.Value).Where(v => !known.Contains(v)).ShouldBeEmpty();
        Constants(typeof(FormatErrorCode)).Where(v => !known.Contains(v)).ShouldBeEmpty();
        Constants(typeof(X402FormatException)).Where(v => !known.Contains(v)).ShouldBeEmpty();
        X402ErrorReasons.InputSpent.ShouldBe(ErrorCodes.InputSpent);
    }

    [Theory]
    [InlineData(ErrorCodes.InputSpent, 409)]
    [InlineData(ErrorCodes.DuplicateDeposit, 409)]
    [InlineData(ErrorCodes.Malformed, 400)]
    [InlineData(ErrorCodes.MalformedJson, 400)]
    [InlineData(ErrorCodes.NotFound, 404)]
    [InlineData(ErrorCodes.PayloadTooLarge, 413)]
    [InlineData(ErrorCodes.NotOwner, 422)]
    [InlineData(ErrorCodes.FeeTooLow, 422)]
    [InlineData(ErrorCodes.LedgerUnavailable, 503)]
    [InlineData(ErrorCodes.InternalError, 500)]
    [InlineData(X402ErrorReasons.AmountMismatch, 402)]
    [InlineData(X402ErrorReasons.UnexpectedSettleError, 503)]
    public void StatusFor_Code_IsTheCataloguedStatus(string code, int status) =>
        ErrorCatalog.StatusFor(code).ShouldBe(status);

    [Fact]
    public void TypeFor_Code_IsTheOneUrnScheme() =>
        ErrorCatalog.TypeFor(ErrorCodes.InputSpent).ShouldBe("urn:fontana:problem:input-spent");

    private static IEnumerable<string> Constants(Type type) =>
        type.GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!);

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex KebabCase();
}
