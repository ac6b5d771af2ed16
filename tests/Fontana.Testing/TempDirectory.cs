namespace Fontana.Testing;

/// <summary>A fresh directory under the system temp dir, deleted on dispose (best effort).</summary>
public sealed class TempDirectory : IDisposable
{
    /// <summary>Creates <c>$TMPDIR/fontana-&lt;prefix&gt;-&lt;random&gt;</c>.</summary>
    public TempDirectory(string prefix = "test")
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"fontana-{prefix}-{Guid.NewGuid().ToString("N")[..12]}");
        Directory.CreateDirectory(Path);
    }

    /// <summary>The directory.</summary>
    public string Path { get; }

    /// <summary>A path inside the directory.</summary>
    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    /// <inheritdoc />
    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A child process may still hold a file.
        }
        catch (UnauthorizedAccessException)
        {
            // Same.
        }
    }
}
