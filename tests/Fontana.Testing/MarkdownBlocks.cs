using System.Text.RegularExpressions;

namespace Fontana.Testing;

/// <summary>A fenced code block of a markdown file, with the HTML comment marker right above it (if any), e.g.
/// <c>&lt;!-- snippet: sdk-quick-start --&gt;</c> or <c>&lt;!-- walkthrough: readme serve=5080 --&gt;</c>.</summary>
/// <param name="File">The markdown file.</param>
/// <param name="Line">The 1-based line of the opening fence.</param>
/// <param name="Language">The fence's info string (<c>bash</c>, <c>csharp</c>, …).</param>
/// <param name="Marker">The marker comment's text (<c>snippet: name</c>), or null.</param>
/// <param name="Code">The block's text, without the fences.</param>
public sealed partial record MarkdownBlock(string File, int Line, string Language, string? Marker, string Code)
{
    /// <summary>The marker's kind and first word (<c>snippet</c> / <c>sdk-quick-start</c>).</summary>
    public (string Kind, string Name)? Marked =>
        Marker is null ? null : MarkerParts().Match(Marker) is { Success: true } m ? (m.Groups[1].Value, m.Groups[2].Value) : null;

    /// <summary>A <c>key=value</c> of the marker, or null.</summary>
    public string? Attribute(string key) =>
        Marker is null ? null : Regex.Match(Marker, $@"\b{Regex.Escape(key)}=(\S+)") is { Success: true } m ? m.Groups[1].Value : null;

    /// <summary>Every fenced block of <paramref name="path"/>, in order.</summary>
    public static IReadOnlyList<MarkdownBlock> Read(string path)
    {
        var lines = System.IO.File.ReadAllLines(path);
        var blocks = new List<MarkdownBlock>();
        for (var i = 0; i < lines.Length; i++)
        {
            if (!lines[i].StartsWith("```", StringComparison.Ordinal))
            {
                continue;
            }

            var start = i;
            var language = lines[i][3..].Trim();
            var code = new List<string>();
            for (i++; i < lines.Length && !lines[i].StartsWith("```", StringComparison.Ordinal); i++)
            {
                code.Add(lines[i]);
            }

            var marker = start > 0 && MarkerLine().Match(lines[start - 1]) is { Success: true } m ? m.Groups[1].Value.Trim() : null;
            blocks.Add(new MarkdownBlock(path, start + 1, language, marker, string.Join('\n', code)));
        }

        return blocks;
    }

    [GeneratedRegex(@"^<!--(.*)-->\s*$")]
    private static partial Regex MarkerLine();

    [GeneratedRegex(@"^(\w+):\s*(\S+)")]
    private static partial Regex MarkerParts();
}
