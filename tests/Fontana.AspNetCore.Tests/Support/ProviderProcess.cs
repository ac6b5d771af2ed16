using System.Diagnostics;

namespace Fontana.AspNetCore.Tests.Support;

/// <summary>A provider in a child process (tests/Fontana.AspNetCore.ProviderChild) on 127.0.0.1; killed (SIGKILL) on dispose.</summary>
internal sealed class ProviderProcess : IAsyncDisposable
{
    private readonly Process _process;

    private ProviderProcess(Process process, Uri url)
    {
        _process = process;
        BaseAddress = url;
        Client = new HttpClient { BaseAddress = url };
    }

    public Uri BaseAddress { get; }

    public HttpClient Client { get; }

    public int ProcessId => _process.Id;

    public static async Task<ProviderProcess> StartAsync(IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Fontana.AspNetCore.ProviderChild.dll"));
        start.ArgumentList.Add("http://127.0.0.1:0");
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.StartsWith("listening ", StringComparison.Ordinal))
            {
                return new ProviderProcess(process, new Uri(line["listening ".Length..]));
            }
        }

        var error = await process.StandardError.ReadToEndAsync(timeout.Token);
        process.Kill(entireProcessTree: true);
        throw new InvalidOperationException("the provider process stopped before listening: " + error);
    }

    /// <summary>How many times its handler ran.</summary>
    public async Task<int> RunsAsync()
    {
        using var json = System.Text.Json.JsonDocument.Parse(await Client.GetStringAsync("/runs"));
        return json.RootElement.GetProperty("runs").GetInt32();
    }

    /// <summary>SIGKILL: no shutdown, no flush.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
    }

    public ValueTask DisposeAsync()
    {
        Client.Dispose();
        Kill();
        _process.Dispose();
        return ValueTask.CompletedTask;
    }
}
