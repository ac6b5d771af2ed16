namespace Fontana.Cli.Tests;

/// <summary>Damages wallet key files the way a disk or an editor might.</summary>
internal static class WalletFiles
{
    /// <summary>Copies <paramref name="source"/> to <paramref name="target"/> (mode 0600) with one bit of the stored
    /// public key flipped (blob offset 6..37, docs/wallet.md).</summary>
    public static void FlipPublicKeyBit(string source, string target)
    {
        var lines = File.ReadAllText(source).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var blob = Convert.FromBase64String(string.Concat(lines[1..^1]));
        blob[10] ^= 0x01;
        var body = Convert.ToBase64String(blob);
        var armored = new List<string> { lines[0] };
        for (var i = 0; i < body.Length; i += 64)
        {
            armored.Add(body.Substring(i, Math.Min(64, body.Length - i)));
        }

        armored.Add(lines[^1]);
        File.WriteAllText(target, string.Join('\n', armored) + "\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(target, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }
}
