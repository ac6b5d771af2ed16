using Fontana.Core.Crypto;

namespace Fontana.Core.Tests.Crypto;

public class Ed25519SmokeTests
{
    [Fact]
    public void FromSeed_Rfc8032Test1_DerivesPublicKeyAndSignsEmptyMessage()
    {
        using var key = PrivateKey.FromSeed(Convert.FromHexString("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"));
        key.PublicKey.ToString().ShouldBe("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
        var sig = key.Sign([]);
        Convert.ToHexStringLower(sig).ShouldBe("e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b");
        key.PublicKey.Verify([], sig).ShouldBeTrue();
        sig[0] ^= 1;
        key.PublicKey.Verify([], sig).ShouldBeFalse();
    }

    [Fact]
    public void Address_RoundTrips()
    {
        using var key = PrivateKey.Generate();
        var address = new Address(key.PublicKey);
        var text = address.ToString();
        text.ShouldStartWith("fnt1");
        Address.Parse(text).ShouldBe(address);
    }
}
