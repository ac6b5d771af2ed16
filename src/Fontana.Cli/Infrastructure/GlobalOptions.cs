using System.CommandLine;

namespace Fontana.Cli.Infrastructure;

/// <summary>The options every command accepts (BRIEF §5), declared once on the root command as recursive.</summary>
internal static class GlobalOptions
{
    public const string DefaultNodeUrl = "http://127.0.0.1:5080";

    /// <summary>Environment variable naming the node when <c>--node</c> is not given.</summary>
    public const string NodeVariable = "FONTANA_NODE";

    public static readonly Option<string> Node = new("--node")
    {
        Description = "Node base URL (default $FONTANA_NODE, else " + DefaultNodeUrl + ")",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable(NodeVariable) is { Length: > 0 } url ? url : DefaultNodeUrl,
        Recursive = true,
        HelpName = "URL",
    };

    public static readonly Option<string?> Wallet = new("--wallet")
    {
        Description = "Wallet key file (default $FONTANA_WALLET or ~/.fontana/wallet.key)",
        Recursive = true,
        HelpName = "PATH",
    };

    public static readonly Option<string?> DataDir = new("--data-dir")
    {
        Description = "Data directory (default ~/.fontana, devnet: ~/.fontana/devnet)",
        Recursive = true,
        HelpName = "DIR",
    };

    public static readonly Option<bool> Json = new("--json")
    {
        Description = "Machine-readable output: one JSON object on stdout (errors as {\"code\",\"message\"})",
        Recursive = true,
    };

    public static void AddTo(Command root)
    {
        root.Options.Add(Node);
        root.Options.Add(Wallet);
        root.Options.Add(DataDir);
        root.Options.Add(Json);
    }
}
