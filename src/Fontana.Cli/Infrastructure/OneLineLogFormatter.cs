using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;

namespace Fontana.Cli.Infrastructure;

/// <summary>
/// The console log format of the hosts the CLI runs (devnet, node): one line per entry,
/// <c>HH:mm:ss level category: message</c>, and an exception as its type and message only — the CLI never prints a
/// stack trace. While a host is starting, the host's and Kestrel's own reports of a start-up failure are dropped: the
/// failure propagates out of <c>StartAsync</c> and the CLI prints it once, as <c>error &lt;code&gt;: …</c>.
/// Between <see cref="HoldLines"/> and <see cref="ReleaseHeldLines"/> lines are kept in memory instead of written, so
/// the devnet's banner comes before the first log line of its daemons (which start logging while the host starts).
/// </summary>
internal sealed class OneLineLogFormatter : ConsoleFormatter
{
    public const string FormatterName = "fontana";

    private static readonly Lock HeldGate = new();
    private static int _starting;
    private static List<string>? _held;

    public OneLineLogFormatter()
        : base(FormatterName)
    {
    }

    /// <summary>True while <see cref="CliHost.StartAsync"/> runs.</summary>
    public static bool Starting
    {
        get => Volatile.Read(ref _starting) != 0;
        set => Volatile.Write(ref _starting, value ? 1 : 0);
    }

    /// <summary>From now on, keeps every line back until <see cref="ReleaseHeldLines"/>.</summary>
    public static void HoldLines()
    {
        lock (HeldGate)
        {
            _held ??= [];
        }
    }

    /// <summary>Writes the lines held back to <paramref name="to"/>, in order, and writes later lines as they come.</summary>
    public static void ReleaseHeldLines(TextWriter to)
    {
        ArgumentNullException.ThrowIfNull(to);
        lock (HeldGate)
        {
            if (_held is null)
            {
                return;
            }

            foreach (var line in _held)
            {
                to.WriteLine(line);
            }

            to.Flush();
            _held = null;
        }
    }

    public override void Write<TState>(in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        if (Starting && logEntry.Exception is not null && logEntry.LogLevel >= LogLevel.Error && IsStartupReport(logEntry.Category))
        {
            return;
        }

        var message = logEntry.Formatter(logEntry.State, logEntry.Exception);
        var line = new System.Text.StringBuilder(128)
            .Append(TimeProvider.System.GetLocalNow().ToString("HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture))
            .Append(' ').Append(Level(logEntry.LogLevel)).Append(' ')
            .Append(ShortCategory(logEntry.Category)).Append(": ")
            .Append(message.ReplaceLineEndings(" "));
        if (logEntry.Exception is { } exception)
        {
            line.Append(" (").Append(exception.GetType().Name).Append(": ").Append(exception.Message.ReplaceLineEndings(" ")).Append(')');
        }

        lock (HeldGate)
        {
            if (_held is not null)
            {
                _held.Add(line.ToString());
                return;
            }
        }

        textWriter.WriteLine(line.ToString());
    }

    private static bool IsStartupReport(string category) =>
        category.StartsWith("Microsoft.Extensions.Hosting", StringComparison.Ordinal)
        || category.StartsWith("Microsoft.AspNetCore.Server.Kestrel", StringComparison.Ordinal)
        || category.StartsWith("Microsoft.AspNetCore.Hosting", StringComparison.Ordinal);

    private static string ShortCategory(string category)
    {
        var dot = category.LastIndexOf('.');
        return dot < 0 ? category : category[(dot + 1)..];
    }

    private static string Level(LogLevel level) => level switch
    {
        LogLevel.Trace => "trce",
        LogLevel.Debug => "dbug",
        LogLevel.Information => "info",
        LogLevel.Warning => "warn",
        LogLevel.Error => "fail",
        LogLevel.Critical => "crit",
        _ => "    ",
    };
}
