namespace Fontana.Testing;

/// <summary>The repository checkout the tests run from (the directory holding <c>Fontana.slnx</c>).</summary>
public static class RepositoryRoot
{
    /// <summary>Walks up from the test assembly's directory to the solution file.</summary>
    public static string Path { get; } = Find();

    /// <summary>A path inside the repository.</summary>
    public static string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Fontana.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"no Fontana.slnx above {AppContext.BaseDirectory}");
    }
}
