using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using Fontana.Node.Options;
using Spectre.Console;

namespace Fontana.Cli.Infrastructure;

/// <summary>What a command needs from the command line: the global options resolved, and output that follows
/// <c>--json</c> (one JSON object on stdout) or prints for humans (Spectre.Console tables).</summary>
internal sealed class CliContext
{
    internal static readonly JsonSerializerOptions Compact = new() { WriteIndented = false, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public CliContext(ParseResult parse, TextWriter stdout, TextWriter stderr)
    {
        Parse = parse;
        Out = stdout;
        Error = stderr;
        Json = parse.GetValue(GlobalOptions.Json);
        var node = parse.GetValue(GlobalOptions.Node) ?? GlobalOptions.DefaultNodeUrl;
        NodeUrl = Uri.TryCreate(node.TrimEnd('/') + "/", UriKind.Absolute, out var url) && url.Scheme is "http" or "https"
            ? url
            : throw new CliFailure(CliErrorCodes.BadArgument, $"--node (or ${GlobalOptions.NodeVariable}) must be an http(s) URL, e.g. http://127.0.0.1:5080 (got '{node}')");
        DataDirOption = parse.GetValue(GlobalOptions.DataDir);
        WalletPath = ResolveWalletPath(parse.GetValue(GlobalOptions.Wallet));
        Console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(stdout),
            Ansi = AnsiSupport.Detect,
            ColorSystem = ColorSystemSupport.Detect,
        });
    }

    public ParseResult Parse { get; }

    public TextWriter Out { get; }

    public TextWriter Error { get; }

    public bool Json { get; }

    /// <summary>The node's base URL, ending in <c>/</c>.</summary>
    public Uri NodeUrl { get; }

    /// <summary>The wallet file: <c>--wallet</c>, else <c>$FONTANA_WALLET</c>, else the active profile's
    /// (<c>~/.fontana/wallets/NAME.key</c>), else <c>~/.fontana/wallet.key</c>.</summary>
    public string WalletPath { get; }

    /// <summary><c>--data-dir</c> as given (null when absent).</summary>
    public string? DataDirOption { get; }

    /// <summary>Spectre console writing to <see cref="Out"/> (human output only).</summary>
    public IAnsiConsole Console { get; }

    /// <summary>The data dir: <c>--data-dir</c> or <paramref name="fallback"/>, <c>~</c> expanded.</summary>
    public string DataDir(string fallback) => FontanaNodeOptions.ExpandHome(DataDirOption ?? fallback);

    /// <summary>Prints one JSON object on stdout (the <c>--json</c> result).</summary>
    public void WriteJson(JsonNode value) => Out.WriteLine(value.ToJsonString(Compact));

    /// <summary>A line for humans on stdout (nothing under <c>--json</c>).</summary>
    public void Line(string text)
    {
        if (!Json)
        {
            Out.WriteLine(text);
        }
    }

    /// <summary>A progress / diagnostic line on stderr (kept off stdout so <c>--json</c> stays parseable).</summary>
    public void Note(string text) => Error.WriteLine(text);

    internal static string ResolveWalletPath(string? option)
    {
        var path = option;
        if (string.IsNullOrEmpty(path))
        {
            path = Environment.GetEnvironmentVariable("FONTANA_WALLET");
        }

        if (string.IsNullOrEmpty(path))
        {
            // The active profile (`fontana wallet use NAME`), else the default wallet.
            path = CliProfiles.ActiveWalletPath() ?? Path.Combine(FontanaNodeOptions.DefaultDataDir(), "wallet.key");
        }

        return FontanaNodeOptions.ExpandHome(path);
    }
}
