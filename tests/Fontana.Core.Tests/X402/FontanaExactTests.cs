using Fontana.Core.X402;

namespace Fontana.Core.Tests.X402;

public class FontanaExactTests
{
    [Theory]
    [InlineData("devnet")]
    [InlineData("fontana-1")]
    [InlineData("a-b-9")]
    public void FormatNetwork_ThenTryParse_RoundTrips(string chainId)
    {
        var network = FontanaExact.FormatNetwork(chainId);

        network.ShouldBe("fontana:" + chainId);
        FontanaExact.TryParseNetwork(network, out var parsed).ShouldBeTrue();
        parsed.ShouldBe(chainId);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("fontana:")]
    [InlineData("eip155:8453")]
    [InlineData("fontana:has space")]
    [InlineData("fontana:a:b")]
    [InlineData("fontana:123456789012345678901234567890123")]
    [InlineData("Fontana:devnet")]
    [InlineData("fontana:Upper")]
    [InlineData("fontana:under_score")]
    public void TryParseNetwork_NotFontana_IsFalse(string? network)
    {
        FontanaExact.TryParseNetwork(network, out _).ShouldBeFalse();
    }

    [Fact]
    public void FormatNetwork_InvalidChainId_Throws()
    {
        Should.Throw<ArgumentException>(() => FontanaExact.FormatNetwork("bad id"));
    }

    [Fact]
    public void IsLedgerRejection_DistinguishesLedgerCodes()
    {
        X402ErrorReasons.IsLedgerRejection(X402ErrorReasons.InputSpent).ShouldBeTrue();
        X402ErrorReasons.IsLedgerRejection(X402ErrorReasons.AmountMismatch).ShouldBeFalse();
        X402ErrorReasons.IsLedgerRejection(null).ShouldBeFalse();
    }
}
