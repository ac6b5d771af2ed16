using System.Text.Json;

namespace Fontana.Core.Tests.Support;

internal static class VectorFile
{
    /// <summary>Parses Vectors/<paramref name="name"/> copied next to the test assembly.</summary>
    public static JsonDocument Load(string name) =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Vectors", name)));
}
