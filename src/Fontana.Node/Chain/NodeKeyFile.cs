using Fontana.Core.Crypto;

namespace Fontana.Node.Chain;

/// <summary>
/// The node's own keys (sequencer, bridge authority): a text file holding the 32-byte Ed25519 seed as 64 hex
/// characters (lines starting with <c>#</c> are comments), created with mode 0600. Format in docs/node.md.
/// </summary>
public static class NodeKeyFile
{
    /// <summary>Loads the key at <paramref name="path"/>; throws <see cref="InvalidOperationException"/> naming the path.</summary>
    public static PrivateKey Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"no key file at {path}", path);
        }

        var hex = string.Concat(File.ReadAllLines(path).Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')));
        byte[] seed;
        try
        {
            seed = Convert.FromHexString(hex);
        }
        catch (FormatException)
        {
            throw new InvalidOperationException($"the key file {path} does not hold a hex seed");
        }

        if (seed.Length != PrivateKey.SeedLength)
        {
            throw new InvalidOperationException($"the key file {path} holds {seed.Length} bytes; a key seed is {PrivateKey.SeedLength}");
        }

        try
        {
            return PrivateKey.FromSeed(seed);
        }
        finally
        {
            Array.Clear(seed);
        }
    }

    /// <summary>Writes a new random key to <paramref name="path"/> (mode 0600, parent created); never overwrites.</summary>
    public static PrivateKey Create(string path, string purpose)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var key = PrivateKey.Generate();
        var seed = key.ExportSeed();
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            using (var stream = new FileStream(path, options))
            using (var writer = new StreamWriter(stream))
            {
                writer.WriteLine($"# Fontana {purpose} key: Ed25519 seed (hex). Keep secret.");
                writer.WriteLine(Convert.ToHexStringLower(seed));
                writer.Flush();
                stream.Flush(flushToDisk: true);
            }

            return key;
        }
        catch
        {
            key.Dispose();
            throw;
        }
        finally
        {
            Array.Clear(seed);
        }
    }

    /// <summary>Loads the key at <paramref name="path"/>, creating it first when missing.</summary>
    public static PrivateKey LoadOrCreate(string path, string purpose) => File.Exists(path) ? Load(path) : Create(path, purpose);
}
