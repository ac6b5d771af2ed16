using Fontana.DataAvailability.Celestia;

namespace Fontana.DataAvailability.Tests.Celestia;

public class CelestiaOptionsTests
{
    private static CelestiaOptions Valid() => new() { NamespaceId = "0000000000000f0a7a1a", AuthToken = "jwt" };

    [Fact]
    public void Validate_Defaults_WithNamespace_AreValid() => Valid().Validate().ShouldBeEmpty();

    [Theory]
    [InlineData("Url", "ftp://node")]
    [InlineData("Url", "not a url")]
    [InlineData("NamespaceId", "")]
    [InlineData("NamespaceId", "0f0a7a1a")]
    [InlineData("NamespaceId", "zz00000000000f0a7a1a")]
    [InlineData("NamespaceId", "00000000000000000001")]
    [InlineData("AuthToken", "two words")]
    [InlineData("MaxBlobBytes", "64")]
    [InlineData("MaxSubmitBytes", "100")]
    [InlineData("RequestTimeout", "00:00:00")]
    [InlineData("GasPrice", "-1")]
    [InlineData("GasPrice", "0")]
    [InlineData("MaxGasPrice", "0")]
    [InlineData("MaxBlobBytes", "67108864")] // over MaxTxSize (2 MiB by default) minus the reserve
    [InlineData("ScanConcurrency", "0")]
    public void Validate_BadValue_ErrorNamesTheKey(string key, string value)
    {
        var options = Valid();
        switch (key)
        {
            case "Url": options.Url = value; break;
            case "NamespaceId": options.NamespaceId = value; break;
            case "AuthToken": options.AuthToken = value; break;
            case "MaxBlobBytes": options.MaxBlobBytes = int.Parse(value, System.Globalization.CultureInfo.InvariantCulture); break;
            case "MaxSubmitBytes": options.MaxSubmitBytes = int.Parse(value, System.Globalization.CultureInfo.InvariantCulture); break;
            case "RequestTimeout": options.RequestTimeout = TimeSpan.Parse(value, System.Globalization.CultureInfo.InvariantCulture); break;
            case "MaxGasPrice": options.MaxGasPrice = double.Parse(value, System.Globalization.CultureInfo.InvariantCulture); break;
            case "MaxTxSize": options.MaxTxSize = int.Parse(value, System.Globalization.CultureInfo.InvariantCulture); break;
            case "GasPrice": options.GasPrice = double.Parse(value, System.Globalization.CultureInfo.InvariantCulture); break;
            case "ScanConcurrency": options.ScanConcurrency = int.Parse(value, System.Globalization.CultureInfo.InvariantCulture); break;
        }

        options.Validate().ShouldHaveSingleItem().ShouldStartWith($"DataAvailability:Celestia:{key} ");
        Should.Throw<ArgumentException>(() => new CelestiaDataAvailability(new HttpClient(), options));
    }
}
