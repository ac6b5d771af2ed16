using System.Text.Json;
using Fontana.Core;

namespace Fontana.DataAvailability.Tests;

public class DaReferenceTests
{
    [Theory]
    [InlineData("celestia:812345:00000000000000f0a7a1:6Hk1AA==,812346@Qm9vAA==")]
    [InlineData("local:17::n4bQgYhMfWWaL+qgxVrQFaO/TxsrC4Is0V1sFbDwCgg=")]
    [InlineData("local:0::")]
    public void Parse_CompactText_RoundTrips(string text)
    {
        var reference = DaReference.Parse(text);
        reference.ToString().ShouldBe(text);
        JsonSerializer.Deserialize<DaReference>(JsonSerializer.Serialize(reference)).ShouldBe(reference);
        JsonSerializer.Serialize(reference).ShouldBe($"\"{text.Replace("+", "\\u002B", StringComparison.Ordinal)}\"");
    }

    [Fact]
    public void GetChunk_HeightPrefix_SplitsHeightAndCommitment()
    {
        var reference = DaReference.Parse("celestia:10:00000000000000f0a7a1:AAAA,12@BBBB");
        reference.GetChunk(0).ShouldBe((10ul, "AAAA"));
        reference.GetChunk(1).ShouldBe((12ul, "BBBB"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("celestia:10:ns")]
    [InlineData("celestia:x:ns:AAAA")]
    [InlineData("celestia:-1:ns:AAAA")]
    [InlineData("celestia:10:n-s:AAAA")]
    [InlineData("celestia:10:ns:AAA")]
    [InlineData("celestia:10:ns:@AAAA")]
    [InlineData("celestia:10:ns:1x@AAAA")]
    [InlineData("celestia:10:ns:AAAA,,BBBB")]
    [InlineData(":10:ns:AAAA")]
    public void TryParse_Malformed_FailsWithReason(string text)
    {
        DaReference.TryParse(text, out var reference, out var error).ShouldBeFalse();
        reference.ShouldBeNull();
        error.ShouldNotBeNullOrEmpty();
        Should.Throw<FormatException>(() => DaReference.Parse(text));
        Should.Throw<JsonException>(() => JsonSerializer.Deserialize<DaReference>(JsonSerializer.Serialize(text)));
    }
}
