using System.Runtime.Versioning;
using Fontana.Core;
using Fontana.Core.Crypto;
using Fontana.Sdk.Wallet;

namespace Fontana.Sdk.Tests.Wallet;

[UnsupportedOSPlatform("windows")] // file modes are the point of several tests
public sealed class WalletTests : IDisposable
{
    private static readonly Argon2Cost Fast = PasswordKdf.Minimum;

    private readonly string _dir = Directory.CreateTempSubdirectory("fontana-wallet-").FullName;

    private string WalletPath => Path.Combine(_dir, "wallet.key");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Create_NoPassphrase_WritesArmoredFileWithMode0600()
    {
        using var wallet = WalletKeyFile.Create(WalletPath);

        var text = File.ReadAllText(WalletPath);
        text.ShouldStartWith("-----BEGIN FONTANA WALLET-----\n");
        text.ShouldEndWith("-----END FONTANA WALLET-----\n");
        File.GetUnixFileMode(WalletPath).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        wallet.IsEncrypted.ShouldBeFalse();
        wallet.Path.ShouldBe(WalletPath);
        Directory.GetFiles(_dir).ShouldBe([WalletPath]);
    }

    [Fact]
    public void Create_ThenLoad_GivesSameKeyAndAddress()
    {
        using var created = WalletKeyFile.Create(WalletPath);

        using var loaded = WalletKeyFile.Load(WalletPath);

        loaded.PublicKey.ShouldBe(created.PublicKey);
        loaded.Address.ShouldBe(new Address(created.PublicKey));
        loaded.Address.ToString().ShouldStartWith("fnt1");
    }

    [Fact]
    public void Create_WithPassphrase_LoadsWithSamePassphrase()
    {
        using var created = WalletKeyFile.Create(WalletPath, "correct horse", overwrite: false, Fast);

        using var loaded = WalletKeyFile.Load(WalletPath, "correct horse");

        created.IsEncrypted.ShouldBeTrue();
        loaded.IsEncrypted.ShouldBeTrue();
        loaded.PublicKey.ShouldBe(created.PublicKey);
        File.GetUnixFileMode(WalletPath).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    [Fact]
    public void Create_DefaultArgon2Cost_RoundTrips()
    {
        using var created = WalletKeyFile.Create(WalletPath, "pässwörd ☃");

        using var loaded = WalletKeyFile.Load(WalletPath, "pässwörd ☃");

        loaded.PublicKey.ShouldBe(created.PublicKey);
    }

    [Fact]
    public void Load_WrongPassphrase_ThrowsWrongPassphrase()
    {
        using (WalletKeyFile.Create(WalletPath, "right", overwrite: false, Fast))
        {
        }

        Code(() => WalletKeyFile.Load(WalletPath, "wrong")).ShouldBe(WalletException.WrongPassphrase);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void Load_EncryptedWithoutPassphrase_ThrowsPassphraseRequired(string? passphrase)
    {
        using (WalletKeyFile.Create(WalletPath, "secret", overwrite: false, Fast))
        {
        }

        Code(() => WalletKeyFile.Load(WalletPath, passphrase)).ShouldBe(WalletException.PassphraseRequired);
    }

    [Fact]
    public void Load_PlainWalletWithPassphrase_IgnoresPassphrase()
    {
        using var created = WalletKeyFile.Create(WalletPath);

        using var loaded = WalletKeyFile.Load(WalletPath, "unused");

        loaded.PublicKey.ShouldBe(created.PublicKey);
    }

    [Fact]
    public void Load_Missing_ThrowsWalletNotFound()
    {
        Code(() => WalletKeyFile.Load(WalletPath)).ShouldBe(WalletException.NotFound);
        Code(() => WalletKeyFile.Load(Path.Combine(_dir, "no", "such", "dir", "wallet.key"))).ShouldBe(WalletException.NotFound);
        Code(() => WalletKeyFile.ReadPublicKey(WalletPath)).ShouldBe(WalletException.NotFound);
    }

    [Theory]
    [InlineData(UnixFileMode.GroupRead)]
    [InlineData(UnixFileMode.OtherRead)]
    [InlineData(UnixFileMode.GroupWrite)]
    [InlineData(UnixFileMode.OtherExecute)]
    public void Load_AccessibleByGroupOrOthers_ThrowsWalletPermissions(UnixFileMode extra)
    {
        using (WalletKeyFile.Create(WalletPath))
        {
        }

        File.SetUnixFileMode(WalletPath, UnixFileMode.UserRead | UnixFileMode.UserWrite | extra);

        var ex = Should.Throw<WalletException>(() => WalletKeyFile.Load(WalletPath));
        ex.Code.ShouldBe(WalletException.InsecurePermissions);
        ex.Message.ShouldContain("chmod 600");
    }

    [Fact]
    public void Load_ReadOnlyOwner_IsAccepted()
    {
        using (WalletKeyFile.Create(WalletPath))
        {
        }

        File.SetUnixFileMode(WalletPath, UnixFileMode.UserRead);

        using var loaded = WalletKeyFile.Load(WalletPath);
        loaded.ShouldNotBeNull();
    }

    public static TheoryData<string> Corruptions() =>
    [
        "empty", "garbage", "no-end", "bad-base64", "bad-magic", "bad-version", "bad-kind", "truncated", "extra-byte",
        "public-key-mismatch", "kdf-cost-huge", "kdf-cost-zero", "too-large",
    ];

    [Theory]
    [MemberData(nameof(Corruptions))]
    public void Load_CorruptFile_ThrowsWalletCorrupt(string corruption)
    {
        var encrypted = corruption.StartsWith("kdf", StringComparison.Ordinal);
        using (WalletKeyFile.Create(WalletPath, encrypted ? "pw" : null, overwrite: false, Fast))
        {
        }

        var blob = ReadBlob();
        string text = corruption switch
        {
            "empty" => string.Empty,
            "garbage" => "hello world\n",
            "no-end" => File.ReadAllText(WalletPath).Replace("-----END FONTANA WALLET-----", string.Empty, StringComparison.Ordinal),
            "bad-base64" => "-----BEGIN FONTANA WALLET-----\n!!!!\n-----END FONTANA WALLET-----\n",
            "bad-magic" => Armor(Patch(blob, 0, 0x58)),
            "bad-version" => Armor(Patch(blob, 4, 2)),
            "bad-kind" => Armor(Patch(blob, 5, 7)),
            "truncated" => Armor(blob[..^1]),
            "extra-byte" => Armor([.. blob, 0]),
            "public-key-mismatch" => Armor(Patch(blob, 6, (byte)(blob[6] ^ 1))),
            "kdf-cost-huge" => Armor(Patch(blob, 38, 0xff)),
            "kdf-cost-zero" => Armor(Patch(Patch(Patch(Patch(blob, 38, 0), 39, 0), 40, 0), 41, 0)),
            _ => File.ReadAllText(WalletPath) + new string('\n', 20_000),
        };
        File.WriteAllText(WalletPath, text);

        Code(() => WalletKeyFile.Load(WalletPath, encrypted ? "pw" : null)).ShouldBe(WalletException.Corrupt);
    }

    [Fact]
    public void Load_CiphertextAltered_ThrowsWrongPassphrase()
    {
        using (WalletKeyFile.Create(WalletPath, "pw", overwrite: false, Fast))
        {
        }

        var blob = ReadBlob();
        File.WriteAllText(WalletPath, Armor(Patch(blob, blob.Length - 1, (byte)(blob[^1] ^ 1))));

        Code(() => WalletKeyFile.Load(WalletPath, "pw")).ShouldBe(WalletException.WrongPassphrase);
    }

    [Fact]
    public void Load_CrlfLineEndings_IsAccepted()
    {
        using var created = WalletKeyFile.Create(WalletPath);
        File.WriteAllText(WalletPath, File.ReadAllText(WalletPath).Replace("\n", "\r\n", StringComparison.Ordinal));

        using var loaded = WalletKeyFile.Load(WalletPath);

        loaded.PublicKey.ShouldBe(created.PublicKey);
    }

    [Fact]
    public void Create_Existing_ThrowsWalletExists_AndLeavesFileUntouched()
    {
        using (WalletKeyFile.Create(WalletPath))
        {
        }

        var before = File.ReadAllText(WalletPath);

        Code(() => WalletKeyFile.Create(WalletPath)).ShouldBe(WalletException.Exists);
        File.ReadAllText(WalletPath).ShouldBe(before);
        Directory.GetFiles(_dir).ShouldBe([WalletPath]);
    }

    [Fact]
    public void Create_Overwrite_ReplacesExistingFile()
    {
        using var first = WalletKeyFile.Create(WalletPath);

        using var second = WalletKeyFile.Create(WalletPath, overwrite: true);

        using var loaded = WalletKeyFile.Load(WalletPath);
        loaded.PublicKey.ShouldBe(second.PublicKey);
        loaded.PublicKey.ShouldNotBe(first.PublicKey);
        File.GetUnixFileMode(WalletPath).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    [Fact]
    public void Create_MissingParentDirectory_CreatesItOwnerOnly()
    {
        var path = Path.Combine(_dir, "home", ".fontana", "wallet.key");

        using var wallet = WalletKeyFile.Create(path);

        File.Exists(path).ShouldBeTrue();
        File.GetUnixFileMode(Path.GetDirectoryName(path)!).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    [Fact]
    public void Create_DirectoryIsAFile_ThrowsWalletIo()
    {
        var blocker = Path.Combine(_dir, "blocker");
        File.WriteAllText(blocker, "x");

        Code(() => WalletKeyFile.Create(Path.Combine(blocker, "wallet.key"))).ShouldBe(WalletException.Io);
    }

    [Fact]
    public void Import_Seed_RoundTripsTheSameKey()
    {
        var seed = Enumerable.Range(0, 32).Select(i => (byte)i).ToArray();
        using var expected = PrivateKey.FromSeed(seed);

        using (var imported = WalletKeyFile.Import(WalletPath, seed))
        {
            imported.PublicKey.ShouldBe(expected.PublicKey);
        }

        using var loaded = WalletKeyFile.Load(WalletPath);
        loaded.PublicKey.ShouldBe(expected.PublicKey);
        Should.Throw<ArgumentException>(() => WalletKeyFile.Import(Path.Combine(_dir, "other.key"), new byte[31]));
    }

    [Fact]
    public void ReadPublicKey_EncryptedWallet_NeedsNoPassphrase()
    {
        using var created = WalletKeyFile.Create(WalletPath, "pw", overwrite: false, Fast);

        WalletKeyFile.ReadPublicKey(WalletPath).ShouldBe(created.PublicKey);
        WalletKeyFile.RequiresPassphrase(WalletPath).ShouldBeTrue();
    }

    [Fact]
    public void Sign_SignatureVerifiesWithPublicKey()
    {
        using var wallet = WalletKeyFile.Create(WalletPath);

        var signature = wallet.Sign("pay 1 utia"u8);

        wallet.PublicKey.Verify("pay 1 utia"u8, signature).ShouldBeTrue();
        WalletKeyFile.RequiresPassphrase(WalletPath).ShouldBeFalse();
    }

    [Fact]
    public void Dispose_ThenSign_Throws()
    {
        var wallet = WalletKeyFile.Create(WalletPath);
        wallet.Dispose();

        Should.Throw<ObjectDisposedException>(() => wallet.Sign("x"u8));
    }

    private static string Code(Action action) => Should.Throw<WalletException>(action).Code;

    private static string Code(Func<object> action) => Should.Throw<WalletException>(() => action()).Code;

    private byte[] ReadBlob()
    {
        var lines = File.ReadAllLines(WalletPath);
        return Convert.FromBase64String(string.Concat(lines[1..^1]));
    }

    private static byte[] Patch(byte[] blob, int index, byte value)
    {
        var copy = (byte[])blob.Clone();
        copy[index] = value;
        return copy;
    }

    private static string Armor(byte[] blob) =>
        "-----BEGIN FONTANA WALLET-----\n" + Convert.ToBase64String(blob) + "\n-----END FONTANA WALLET-----\n";
}
