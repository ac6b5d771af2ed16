using Fontana.Core.Errors;
using Microsoft.Extensions.Logging.Console;

namespace Fontana.Cli.Infrastructure;

/// <summary>What the CLI does to every web host it runs (devnet, node): logs on stderr in one-line form (so stdout
/// keeps only results, and <c>--json</c> output stays parseable), and a start-up that fails with a code.</summary>
internal static class CliHost
{
    public static void ConfigureLogging(ILoggingBuilder logging)
    {
        logging.ClearProviders();
        logging.AddConsole(o =>
        {
            o.FormatterName = OneLineLogFormatter.FormatterName;
            o.LogToStandardErrorThreshold = LogLevel.Trace;
        });
        logging.AddConsoleFormatter<OneLineLogFormatter, ConsoleFormatterOptions>();
    }

    /// <summary>Starts <paramref name="app"/>; a taken port becomes <c>address-in-use</c> naming
    /// <paramref name="listening"/> and how to choose another (<paramref name="howToChange"/>). When start-up fails,
    /// the background services that had already started are stopped and awaited before the failure is thrown, so
    /// none of them is still in an iteration when the host disposes the stores it uses.</summary>
    public static async Task StartAsync(WebApplication app, string listening, string howToChange, CancellationToken cancellationToken)
    {
        OneLineLogFormatter.Starting = true;
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch (Exception ex)
        {
            await StopStartedServicesAsync(app);
            if (IsAddressInUse(ex))
            {
                throw new CliFailure(ErrorCodes.AddressInUse, $"{listening} is in use by another program (another devnet or node?); stop it or {howToChange}", ExitCodes.Failure, ex);
            }

            throw;
        }
        finally
        {
            OneLineLogFormatter.Starting = false;
        }
    }

    // Best effort: the start-up failure is what the user must see. When it happened while the host was still resolving
    // its services (a store another process holds: da-locked), the host has nothing to stop and its StopAsync throws.
    private static async Task StopStartedServicesAsync(WebApplication app)
    {
        try
        {
            await app.StopAsync(CancellationToken.None);
        }
#pragma warning disable CA1031 // a failure to stop must not hide the failure to start
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }

    internal static bool IsAddressInUse(Exception ex) =>
        CliFailures.Find<Microsoft.AspNetCore.Connections.AddressInUseException>(ex) is not null
        || CliFailures.Find<System.Net.Sockets.SocketException>(ex) is { SocketErrorCode: System.Net.Sockets.SocketError.AddressAlreadyInUse };
}
