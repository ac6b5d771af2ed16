using System.CommandLine;
using Fontana.Cli.Infrastructure;

namespace Fontana.Cli.Commands;

/// <summary><c>fontana node [--urls URL] [--follow SEQUENCER-URL [--da-dir PATH | --celestia URL --namespace HEX]]</c>: runs a
/// node from configuration (appsettings.json in the working directory, environment variables <c>FONTANA__…</c>,
/// <c>.env</c>); <c>--data-dir</c> overrides <c>Fontana:DataDir</c>. With <c>--follow</c> it is a read-only follower of
/// that sequencer (docs/operations.md, "Follower nodes").</summary>
internal static class NodeCommand
{
    public static Command Create()
    {
        var urls = new Option<string?>("--urls") { Description = "Listen URLs (default: configuration 'urls', else http://127.0.0.1:5080)" };
        var follow = new Option<string?>("--follow") { Description = "Run a read-only follower of the sequencer at this URL (sets Fontana:Follower:SequencerUrl)" };
        var daDir = new Option<string?>("--da-dir") { Description = "Follower: the sequencer's local DA directory (a copy or shared disk), read-only" };
        var celestia = new Option<string?>("--celestia") { Description = "Follower: celestia-node RPC URL to read DA from (token: $FONTANA_CELESTIA_TOKEN)" };
        var ns = new Option<string?>("--namespace") { Description = "Follower: the chain's Celestia namespace id (hex, 10 bytes)" };
        var command = new Command("node", "Run a node from configuration (section \"Fontana\"), or a follower with --follow") { urls, follow, daDir, celestia, ns };
        CliCommand.SetHandler(command, async (context, ct) =>
        {
            var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = Directory.GetCurrentDirectory() });
            var overrides = new Dictionary<string, string?>();
            if (context.DataDirOption is { } dataDir)
            {
                overrides["Fontana:DataDir"] = dataDir;
            }

            var sequencer = context.Parse.GetValue(follow);
            if (sequencer is not null)
            {
                FollowerSettings(overrides, sequencer, context.Parse.GetValue(daDir), context.Parse.GetValue(celestia), context.Parse.GetValue(ns));
            }
            else if (context.Parse.GetValue(daDir) is not null || context.Parse.GetValue(celestia) is not null)
            {
                throw CliFailure.Usage("--da-dir and --celestia choose a follower's DA source: use them with --follow URL");
            }

            builder.Configuration.AddInMemoryCollection(overrides);
            var listen = context.Parse.GetValue(urls) ?? builder.Configuration["urls"] ?? "http://127.0.0.1:5080";
            builder.WebHost.UseUrls(listen);
            CliHost.ConfigureLogging(builder.Logging);
            if (sequencer is not null)
            {
                builder.Services.AddFontanaFollower(builder.Configuration);
            }
            else
            {
                builder.Services.AddFontanaNode(builder.Configuration);
            }

            await using var app = builder.Build();
            app.MapFontanaNode();
            await CliHost.StartAsync(app, listen, "choose another address with --urls", ct);
            context.Note(sequencer is null ? $"fontana node listening on {listen}" : $"fontana follower of {sequencer} listening on {listen}");
            try
            {
                await app.WaitForShutdownAsync(ct);
            }
            catch (OperationCanceledException)
            {
                // Ctrl+C
            }

            await app.StopAsync(CancellationToken.None);
            return 0;
        });
        return command;
    }

    private static void FollowerSettings(Dictionary<string, string?> settings, string sequencer, string? daDir, string? celestia, string? ns)
    {
        if (daDir is not null && celestia is not null)
        {
            throw CliFailure.Usage("give one DA source: --da-dir PATH or --celestia URL --namespace HEX");
        }

        settings["Fontana:Follower:SequencerUrl"] = sequencer;
        if (daDir is not null)
        {
            settings["Fontana:DataAvailability:Layer"] = "local";
            settings["Fontana:DataAvailability:LocalDirectory"] = daDir;
        }
        else if (celestia is not null)
        {
            settings["Fontana:DataAvailability:Layer"] = "celestia";
            settings["Fontana:DataAvailability:Celestia:Url"] = celestia;
            settings["Fontana:DataAvailability:Celestia:NamespaceId"] = ns
                ?? throw CliFailure.Usage("--celestia needs --namespace HEX");
            if (Environment.GetEnvironmentVariable("FONTANA_CELESTIA_TOKEN") is { Length: > 0 } token)
            {
                settings["Fontana:DataAvailability:Celestia:AuthToken"] = token;
            }
        }
    }
}
