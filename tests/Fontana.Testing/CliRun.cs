using System.Text.Json;

namespace Fontana.Testing;

/// <summary>What one <c>fontana</c> process did: its exit code and everything it printed.</summary>
/// <param name="ExitCode">The process exit code.</param>
/// <param name="Out">Everything on stdout.</param>
/// <param name="Err">Everything on stderr.</param>
public sealed record CliRun(int ExitCode, string Out, string Err)
{
    /// <summary>stdout as exactly one JSON object (fails when anything else was printed there).</summary>
    public JsonElement ParseJson()
    {
        try
        {
            using var doc = JsonDocument.Parse(Out);
            return doc.RootElement.Clone();
        }
        catch (JsonException)
        {
            throw new InvalidOperationException($"stdout is not one JSON object (exit {ExitCode}): {Out} / stderr: {Err}");
        }
    }

    /// <inheritdoc />
    public override string ToString() => $"exit {ExitCode}; stdout: {Out}; stderr: {Err}";
}
