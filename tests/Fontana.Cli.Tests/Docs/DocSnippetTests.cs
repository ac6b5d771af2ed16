using System.Text.RegularExpressions;

namespace Fontana.Cli.Tests.Docs;

/// <summary>The C# in docs/sdk.md and docs/provider.md is the code of tests/Fontana.Docs.Snippets, which the build
/// compiles: a block marked <c>&lt;!-- snippet: NAME --&gt;</c> must equal the regions <c>// begin-snippet: NAME</c> …
/// <c>// end-snippet</c> of that project (dedented, joined by a blank line).</summary>
public sealed partial class DocSnippetTests
{
    public static TheoryData<string> Docs => new() { "docs/sdk.md", "docs/provider.md" };

    [Theory]
    [MemberData(nameof(Docs))]
    public void CSharpBlocks_AreCompiledSnippets(string doc)
    {
        var regions = Regions();
        var blocks = MarkdownBlock.Read(RepositoryRoot.Combine(doc)).Where(b => b.Language == "csharp").ToList();
        blocks.ShouldNotBeEmpty();
        foreach (var block in blocks)
        {
            block.Marked.ShouldNotBeNull($"{doc}:{block.Line}: a C# block without <!-- snippet: NAME --> is not compiled");
            var (kind, name) = block.Marked!.Value;
            kind.ShouldBe("snippet");
            regions.ShouldContainKey(name, $"{doc}:{block.Line}: no region '{name}' in tests/Fontana.Docs.Snippets");
            block.Code.ShouldBe(regions[name], $"{doc}:{block.Line}: snippet '{name}' differs from tests/Fontana.Docs.Snippets (copy the region into the doc)");
        }
    }

    private static Dictionary<string, string> Regions()
    {
        var parts = new Dictionary<string, List<string>>();
        foreach (var file in Directory.GetFiles(RepositoryRoot.Combine("tests", "Fontana.Docs.Snippets"), "*.cs").Order(StringComparer.Ordinal))
        {
            string? current = null;
            var lines = new List<string>();
            foreach (var line in File.ReadAllLines(file))
            {
                if (Begin().Match(line) is { Success: true } begin)
                {
                    current = begin.Groups[1].Value;
                    lines.Clear();
                }
                else if (End().IsMatch(line) && current is not null)
                {
                    (parts.TryGetValue(current, out var list) ? list : parts[current] = []).Add(Dedent(lines));
                    current = null;
                }
                else if (current is not null)
                {
                    lines.Add(line);
                }
            }
        }

        return parts.ToDictionary(p => p.Key, p => string.Join("\n\n", p.Value.Select(v => v.Trim('\n'))));
    }

    private static string Dedent(List<string> lines)
    {
        var indent = lines.Where(l => l.Trim().Length > 0).Select(l => l.Length - l.TrimStart().Length).DefaultIfEmpty(0).Min();
        return string.Join('\n', lines.Select(l => l.Length >= indent ? l[indent..] : l.TrimStart()));
    }

    [GeneratedRegex(@"^\s*// begin-snippet: (\S+)\s*$")]
    private static partial Regex Begin();

    [GeneratedRegex(@"^\s*// end-snippet\s*$")]
    private static partial Regex End();
}
