using System.CommandLine;
using Fontana.Cli.Infrastructure;

namespace Fontana.Cli.Commands;

/// <summary><c>fontana node [--urls URL]</c>: runs a node from configuration (appsettings.json in the working
/// directory, environment variables <c>FONTANA__…</c>, <c>.env</c>); <c>--data-dir</c> overrides <c>Fontana:DataDir</c>.</summary>
internal static class NodeCommand
{
    public static Command Create()
    {
        var urls = new Option<string?>("--urls") { Description = "Listen URLs (default: configuration 'urls', else http://127.0.0.1:5080)" };
        var command = new Command("node", "Run a node from configuration (section \"Fontana\")") { urls };
        CliCommand.SetHandler(command, async (context, ct) =>
        {
            var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = Directory.GetCurrentDirectory() });
            if (context.DataDirOption is { } dataDir)
            {
                builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Fontana:DataDir"] = dataDir });
            }

            var listen = context.Parse.GetValue(urls) ?? builder.Configuration["urls"] ?? "http://127.0.0.1:5080";
            builder.WebHost.UseUrls(listen);
            CliHost.ConfigureLogging(builder.Logging);
            builder.Services.AddFontanaNode(builder.Configuration);
            await using var app = builder.Build();
            app.MapFontanaNode();
            await CliHost.StartAsync(app, listen, "choose another address with --urls", ct);
            context.Note($"fontana node listening on {listen}");
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
}
