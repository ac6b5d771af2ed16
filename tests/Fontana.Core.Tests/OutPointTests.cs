namespace Fontana.Core.Tests;

public class OutPointTests
{
    private const string TxId = "b5e2609d32eb19f0974f0a21a3478484122b62d944e1bbadf9eea9b4821041de";

    [Fact]
    public void Parse_ToString_RoundTrips()
    {
        var outPoint = OutPoint.Parse(TxId + ":65535");
        outPoint.Index.ShouldBe((ushort)65535);
        outPoint.ToString().ShouldBe(TxId + ":65535");
    }

    [Fact]
    public void WriteTo_Writes34BytesTxIdThenBigEndianIndex()
    {
        var buffer = new byte[OutPoint.EncodedLength];
        new OutPoint(Hash32.Parse(TxId), 0x0102).WriteTo(buffer);
        Convert.ToHexStringLower(buffer).ShouldBe(TxId + "0102");
    }

    [Theory]
    [InlineData("", "outpoint is empty")]
    [InlineData(TxId, "has no ':'")]
    [InlineData("abcd:0", "does not start with a 64-hex-character txid")]
    [InlineData("zz" + "e2609d32eb19f0974f0a21a3478484122b62d944e1bbadf9eea9b4821041de:0", "does not start with a 64-hex-character txid")]
    [InlineData(TxId + ":", "index that is not a number from 0 to 65535")]
    [InlineData(TxId + ":abc", "index that is not a number from 0 to 65535")]
    [InlineData(TxId + ":65536", "index that is not a number from 0 to 65535")]
    [InlineData(TxId + ":-1", "index that is not a number from 0 to 65535")]
    [InlineData(TxId + ":+1", "index that is not a number from 0 to 65535")]
    [InlineData(TxId + ": 1", "index that is not a number from 0 to 65535")]
    [InlineData(TxId + ":1:2", "index that is not a number from 0 to 65535")]
    public void TryParse_Invalid_ExplainsWhy(string text, string expectedMessagePart)
    {
        OutPoint.TryParse(text, out _, out var error).ShouldBeFalse();
        error.ShouldContain(expectedMessagePart);
        Should.Throw<FormatException>(() => OutPoint.Parse(text)).Message.ShouldBe(error);
    }
}
