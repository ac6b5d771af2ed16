using System.CommandLine;
using System.Text.RegularExpressions;

namespace Fontana.Cli.Infrastructure;

/// <summary>Turns System.CommandLine's parse errors into one <c>error usage: …</c> failure with the command's short
/// usage as a hint (exit 2), in words a user understands ("--count: 'abc' is not a whole number", not
/// "expected type 'System.Int32'").</summary>
internal static partial class UsageErrors
{
    public static CliFailure From(ParseResult parse)
    {
        var messages = parse.Errors.Select(e => Rewrite(e.Message)).Distinct().ToList();
        if (messages.Count > 1 && messages.Any(m => m.StartsWith("Unrecognized command or argument", StringComparison.Ordinal)))
        {
            // "fontana frob": the unknown word is the news; that no command was recognized follows from it.
            messages.RemoveAll(m => m.StartsWith("Required command was not provided", StringComparison.Ordinal));
        }

        var command = parse.CommandResult.Command;
        return CliFailure.Usage(string.Join("; ", messages), ShortUsage(command));
    }

    /// <summary>"usage: fontana split --count &lt;N&gt; --amount &lt;AMOUNT&gt; [options]" and where the full help is.</summary>
    public static string ShortUsage(Command command)
    {
        var path = new List<string>();
        for (Command? c = command; c is not null; c = Parent(c))
        {
            path.Insert(0, c is RootCommand ? "fontana" : c.Name);
        }

        var parts = new List<string>(path);
        if (command is RootCommand || command.Subcommands.Count > 0 && command.Action is null)
        {
            parts.Add("<command>");
        }

        parts.AddRange(command.Arguments.Where(a => !a.Hidden).Select(a => $"<{a.Name}>"));
        parts.AddRange(command.Options.Where(o => o.Required && !o.Hidden).Select(o => $"{o.Name} <{o.HelpName ?? o.Name.TrimStart('-').ToUpperInvariant()}>"));
        parts.Add("[options]");
        return $"usage: {string.Join(' ', parts)}   (more: {string.Join(' ', path)} --help)";
    }

    /// <summary>Rewrites the parser's type-name messages.</summary>
    internal static string Rewrite(string message)
    {
        var match = CannotParse().Match(message);
        if (!match.Success)
        {
            return message.TrimEnd('.');
        }

        var name = match.Groups["name"].Value;
        var value = match.Groups["value"].Value;
        var (what, example) = match.Groups["type"].Value switch
        {
            "System.Int32" or "System.Int64" => ("a whole number", "10"),
            "System.UInt32" or "System.UInt64" => ("a whole number of 0 or more", "10"),
            "System.Double" or "System.Decimal" => ("a number", "1.5"),
            "System.Boolean" => ("true or false", "true"),
            var other => ("a " + other[(other.LastIndexOf('.') + 1)..], null),
        };
        return example is null
            ? $"{name}: '{value}' is not {what}"
            : $"{name}: '{value}' is not {what} (e.g. {name} {example})";
    }

    private static Command? Parent(Command command) =>
        command.Parents.OfType<Command>().FirstOrDefault();

    [GeneratedRegex(@"^Cannot parse argument '(?<value>.*)' for (?:option|argument|command) '(?<name>[^']*)' as expected type '(?<type>[^']*)'\.?$")]
    private static partial Regex CannotParse();
}
