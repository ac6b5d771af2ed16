using Fontana.Core.Crypto;

namespace Fontana.Core.Tests.Crypto;

/// <summary>libsodium comes from the NuGet package beside the app, not from a system package (no apt step).</summary>
public sealed class SodiumPackageTests
{
    [Fact]
    public void Signing_LoadsTheLibsodiumShippedBesideTheApp()
    {
        if (!OperatingSystem.IsLinux())
        {
            return; // /proc/self/maps is Linux's; the package ships the other runtimes' libraries the same way
        }

        var key = PrivateKey.FromSeed(new byte[32]);
        key.Sign(new byte[] { 1, 2, 3 }).Length.ShouldBe(64);

        var mapped = File.ReadAllLines("/proc/self/maps")
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(fields => fields.Length >= 6 && Path.GetFileName(fields[5]).StartsWith("libsodium", StringComparison.Ordinal))
            .Select(fields => fields[5])
            .Distinct()
            .ToList();
        mapped.ShouldHaveSingleItem();
        var expected = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "runtimes"));
        mapped[0].ShouldStartWith(expected);
    }
}
