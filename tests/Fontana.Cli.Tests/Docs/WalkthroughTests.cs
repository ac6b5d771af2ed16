namespace Fontana.Cli.Tests.Docs;

/// <summary>The walkthroughs of the README and the examples' READMEs, run as written (see <see cref="WalkthroughRunner"/>)
/// against a real devnet and the real example programs: the commands come from the markdown, so they cannot drift.</summary>
[Collection(WalkthroughCollection.Name)]
public sealed class WalkthroughTests
{
    [Theory]
    [InlineData("README.md", "readme", 3)]
    [InlineData("examples/WeatherProvider/README.md", "weather", 5)]
    [InlineData("examples/PaidApiConsumer/README.md", "consumer", 5)]
    public async Task Walkthrough_RunsAsWritten(string doc, string name, int blockCount)
    {
        var blocks = WalkthroughRunner.Blocks(doc, name);
        blocks.Count.ShouldBe(blockCount, $"{doc}: walkthrough blocks");
        await using var runner = new WalkthroughRunner();

        foreach (var block in blocks)
        {
            await runner.RunAsync(block);
        }

        runner.Transcript.ShouldNotContain("   at ");
        if (name == "weather")
        {
            // The usage-priced calls were paid through one session: the second without a 402, by the words it wrote.
            runner.Transcript.ShouldContain("paid through session", customMessage: runner.Transcript);
            runner.Transcript.ShouldContain("charged 600utia (60 words)");
        }
    }
}

/// <summary>Walkthroughs start devnets and example programs: one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class WalkthroughCollection
{
    public const string Name = "walkthroughs";
}
