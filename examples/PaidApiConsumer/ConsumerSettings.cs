using System.Globalization;
using Fontana.Core;

namespace PaidApiConsumer;

/// <summary>Command-line settings of the example, with devnet defaults.</summary>
internal sealed record ConsumerSettings(Uri ApiUrl, Uri NodeUrl, string WalletPath, Amount MaxPrice, int Calls, bool WaitForBlock)
{
    public static ConsumerSettings FromArgs(string[] args)
    {
        Uri? api = null; // default: the devnet's demo API on the node
        var node = new Uri((Environment.GetEnvironmentVariable("FONTANA_NODE") ?? "http://127.0.0.1:5080").TrimEnd('/') + "/");
        var wallet = Environment.GetEnvironmentVariable("FONTANA_WALLET")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".fontana", "wallet.key");
        var maxPrice = Amount.Parse("0.01 TIA");
        var calls = 5;
        var wait = true;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--calls":
                    calls = int.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                case "--max-price":
                    maxPrice = Amount.Parse(args[++i]);
                    break;
                case "--node":
                    node = new Uri(args[++i].TrimEnd('/') + "/");
                    break;
                case "--wallet":
                    wallet = args[++i];
                    break;
                case "--no-wait":
                    wait = false;
                    break;
                default:
                    api = new Uri(args[i]);
                    break;
            }
        }

        return new ConsumerSettings(api ?? new Uri(node, "demo/fortune"), node, wallet, maxPrice, Math.Max(1, calls), wait);
    }
}
