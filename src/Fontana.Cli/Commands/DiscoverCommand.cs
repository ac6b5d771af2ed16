using System.CommandLine;
using System.Text.Json.Nodes;
using Fontana.Cli.Infrastructure;
using Fontana.Sdk.Marketplace;
using Spectre.Console;

namespace Fontana.Cli.Commands;

/// <summary>
/// <c>fontana discover URL [--search TEXT] [--max-bytes N]</c>: a provider's catalog (its <c>/.well-known/x402</c>, or
/// any x402 discovery list URL) as a table — path, methods, price, scheme and network, description — or with
/// <c>--json</c> as one object. Needs no wallet and no node.
/// </summary>
internal static class DiscoverCommand
{
    public static Command Create()
    {
        var url = new Argument<string>("URL") { Description = "A provider's root URL, or the URL of an x402 discovery list" };
        var search = new Option<string?>("--search") { Description = "Only resources whose path or description contains every word" };
        var maxBytes = new Option<int>("--max-bytes") { Description = "Largest discovery document read (bytes)", DefaultValueFactory = _ => new MarketplaceOptions().MaxDocumentBytes };
        var command = new Command("discover", "A provider's paid resources (x402 discovery): prices, schemes, networks") { url, search, maxBytes };
        CliCommand.SetHandler(command, async (context, ct) =>
        {
            var text = context.Parse.GetValue(url)!;
            if (!Uri.TryCreate(text, UriKind.Absolute, out var target) || target.Scheme is not ("http" or "https"))
            {
                throw new CliFailure(CliErrorCodes.BadArgument, $"URL must be an http(s) URL, e.g. http://127.0.0.1:5080 (got '{text}')");
            }

            var limit = context.Parse.GetValue(maxBytes);
            if (limit is < 1024 or > 64 * 1024 * 1024)
            {
                throw new CliFailure(CliErrorCodes.BadArgument, $"--max-bytes must be 1024 to {64 * 1024 * 1024} (got {limit})");
            }

            using var marketplace = new FontanaMarketplace(options: new MarketplaceOptions { MaxDocumentBytes = limit });
            var catalog = await marketplace.GetCatalogAsync(target, ct);
            var resources = catalog.Search(context.Parse.GetValue(search));
            if (context.Json)
            {
                context.WriteJson(ToJson(catalog, resources));
                return 0;
            }

            WriteTable(context, catalog, resources);
            return 0;
        });
        return command;
    }

    private static void WriteTable(CliContext context, ProviderCatalog catalog, IReadOnlyList<CatalogResource> resources)
    {
        if (catalog.Provider is { } provider)
        {
            context.Line($"provider {provider.PayTo} on {provider.Network}" + (provider.LedgerUrl is null ? string.Empty : $", settling on {provider.LedgerUrl}"));
        }

        var table = new Table()
            .AddColumn("path").AddColumn("methods").AddColumn(new TableColumn("price").RightAligned())
            .AddColumn("scheme").AddColumn("network").AddColumn("description");
        foreach (var resource in resources)
        {
            table.AddRow(
                Markup.Escape(resource.Path),
                Markup.Escape(string.Join(',', resource.Methods)),
                Markup.Escape(Price(resource)),
                Markup.Escape(string.Join(',', resource.Schemes)),
                Markup.Escape(string.Join(',', resource.Networks)),
                Markup.Escape(resource.Description ?? string.Empty));
        }

        if (Console.IsOutputRedirected)
        {
            // Piped or captured: one row per line (a terminal wraps the table to its width instead).
            context.Console.Profile.Width = 400;
        }

        context.Console.Write(table);
        var noun = catalog.Resources.Count == 1 ? "paid resource" : "paid resources";
        context.Line(resources.Count == catalog.Resources.Count
            ? $"{resources.Count} {noun} at {catalog.Source}"
            : $"{resources.Count} of {catalog.Resources.Count} {noun} at {catalog.Source}");
    }

    private static string Price(CatalogResource resource)
    {
        if (resource.DynamicPrice && resource.Offers.Count == 0)
        {
            return "per request";
        }

        if (resource.Offers.Count > 0 && resource.Offers[0].Price is { } price)
        {
            return price.ToString();
        }

        return resource.PriceText ?? (resource.Offers.Count > 0 ? $"{resource.Offers[0].AmountText} {resource.Offers[0].Asset}" : "-");
    }

    private static JsonObject ToJson(ProviderCatalog catalog, IReadOnlyList<CatalogResource> resources)
    {
        var list = new JsonArray();
        foreach (var r in resources)
        {
            var offers = new JsonArray();
            foreach (var o in r.Offers)
            {
                offers.Add(new JsonObject
                {
                    ["scheme"] = o.Scheme, ["network"] = o.Network, ["amount"] = o.AmountText, ["asset"] = o.Asset, ["payTo"] = o.PayTo,
                    ["maxTimeoutSeconds"] = o.MaxTimeoutSeconds,
                });
            }

            list.Add(new JsonObject
            {
                ["resource"] = r.Resource, ["path"] = r.Path, ["type"] = r.Type, ["methods"] = new JsonArray([.. r.Methods.Select(m => (JsonNode)m)]),
                ["price"] = r.PriceText, ["dynamicPrice"] = r.DynamicPrice, ["description"] = r.Description,
                ["lastUpdated"] = r.LastUpdated?.ToUnixTimeSeconds(), ["offers"] = offers,
            });
        }

        var provider = catalog.Provider is { } p
            ? new JsonObject { ["payTo"] = p.PayTo, ["network"] = p.Network, ["providerKey"] = p.ProviderKey, ["ledgerUrl"] = p.LedgerUrl }
            : null;
        return new JsonObject
        {
            ["source"] = catalog.Source.ToString(), ["x402Version"] = catalog.X402Version, ["provider"] = provider,
            ["total"] = catalog.Resources.Count, ["resources"] = list,
        };
    }
}
