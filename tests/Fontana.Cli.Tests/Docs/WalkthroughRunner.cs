using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace Fontana.Cli.Tests.Docs;

/// <summary>
/// Runs a walkthrough of the docs as written, from the repository root, with its own HOME. Blocks marked
/// <c>&lt;!-- walkthrough: NAME serve=PORT --&gt;</c> start a long-running command (a devnet, a provider) and wait until
/// it listens; <c>stop=PORT</c> first kills what serves that port; other blocks run line by line and each line must
/// exit 0. What differs from a user's terminal, so tests do not collide with a devnet you run: the documented ports
/// 5080/5090 become free ports (<c>--port</c> appended to <c>./fontana devnet</c>, <c>$FONTANA_NODE</c>, <c>Urls</c> and
/// <c>Fontana__Provider__NodeUrl</c> set), <c>./fontana</c> runs the test's fontana.dll (<c>$FONTANA_CLI_DLL</c>)
/// and <c>dotnet run</c> gets <c>--no-build</c> (the solution is built before the tests).
/// </summary>
internal sealed class WalkthroughRunner : IAsyncDisposable
{
    private const int NodePort = 5080;
    private const int ApiPort = 5090;

    private readonly TempDirectory _home = new("walkthrough");
    private readonly Dictionary<int, int> _ports = new() { [NodePort] = FontanaProcess.FreePort(), [ApiPort] = FontanaProcess.FreePort() };
    private readonly Dictionary<int, (Process Process, StringBuilder Output)> _served = [];
    private readonly StringBuilder _transcript = new();
    private readonly string _shims;

    public WalkthroughRunner()
    {
        _shims = _home.Combine(".shims");
        Directory.CreateDirectory(_shims);
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "/usr/bin/env dotnet";
        var shim = Path.Combine(_shims, "dotnet");
        File.WriteAllText(shim, $"#!/bin/sh\nif [ \"$1\" = run ]; then shift; exec {dotnet} run --no-build \"$@\"; fi\nexec {dotnet} \"$@\"\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(shim, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    public string Transcript => _transcript.ToString();

    public static IReadOnlyList<MarkdownBlock> Blocks(string doc, string name) =>
        MarkdownBlock.Read(RepositoryRoot.Combine(doc)).Where(b => b.Marked is ("walkthrough", var n) && n == name).ToList();

    public async Task RunAsync(MarkdownBlock block)
    {
        if (block.Attribute("stop") is { } stop)
        {
            await StopAsync(int.Parse(stop, CultureInfo.InvariantCulture));
        }

        var commands = Commands(block.Code);
        if (block.Attribute("serve") is { } serve)
        {
            commands.Count.ShouldBe(1, $"{block.File}:{block.Line}: a serve block holds one command");
            await ServeAsync(int.Parse(serve, CultureInfo.InvariantCulture), commands[0], block);
            return;
        }

        foreach (var command in commands)
        {
            var (code, output) = await ExecuteAsync(Localize(command));
            _transcript.Append("$ ").AppendLine(command).AppendLine(output);
            code.ShouldBe(0, $"{block.File}:{block.Line}: `{command}` exited {code}:\n{output}\n--- served:\n{Served()}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var port in _served.Keys.ToList())
        {
            await StopAsync(port);
        }

        _home.Dispose();
    }

    /// <summary>Lines joined at trailing backslashes; blank and comment-only lines dropped.</summary>
    private static List<string> Commands(string code)
    {
        var commands = new List<string>();
        var current = new StringBuilder();
        foreach (var raw in code.Split('\n'))
        {
            var line = raw.TrimEnd();
            if (current.Length == 0 && (line.Trim().Length == 0 || line.TrimStart().StartsWith('#')))
            {
                continue;
            }

            if (line.EndsWith('\\'))
            {
                current.Append(line[..^1]).Append(' ');
                continue;
            }

            commands.Add(current.Append(line).ToString().Trim());
            current.Clear();
        }

        return commands;
    }

    private string Localize(string command)
    {
        var text = command
            .Replace($"127.0.0.1:{NodePort}", $"127.0.0.1:{_ports[NodePort]}", StringComparison.Ordinal)
            .Replace($"127.0.0.1:{ApiPort}", $"127.0.0.1:{_ports[ApiPort]}", StringComparison.Ordinal);
        return text.StartsWith("./fontana devnet", StringComparison.Ordinal) && !text.Contains("--port", StringComparison.Ordinal)
            ? text + $" --port {_ports[NodePort]}"
            : text;
    }

    private ProcessStartInfo Bash(string command)
    {
        var info = new ProcessStartInfo("bash")
        {
            WorkingDirectory = RepositoryRoot.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add("-o");
        info.ArgumentList.Add("pipefail");
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(command);
        info.Environment["HOME"] = _home.Path;
        info.Environment["PATH"] = _shims + ":" + Environment.GetEnvironmentVariable("PATH");
        info.Environment["FONTANA_CLI_DLL"] = FontanaProcess.Dll;
        info.Environment["FONTANA_NODE"] = $"http://127.0.0.1:{_ports[NodePort]}";
        info.Environment["Urls"] = $"http://127.0.0.1:{_ports[ApiPort]}";
        info.Environment["Fontana__Provider__NodeUrl"] = $"http://127.0.0.1:{_ports[NodePort]}";
        info.Environment["NO_COLOR"] = "1";
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["DOTNET_NOLOGO"] = "1";
        info.Environment.Remove("FONTANA_WALLET");
        info.Environment.Remove("FONTANA_WALLET_PASSPHRASE");
        return info;
    }

    private async Task<(int Code, string Output)> ExecuteAsync(string command)
    {
        using var process = Process.Start(Bash(command))!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            return (-1, $"timed out after 120 s\n{await stdout}\n{await stderr}");
        }

        return (process.ExitCode, (await stdout) + (await stderr));
    }

    private async Task ServeAsync(int documentedPort, string command, MarkdownBlock block)
    {
        var output = new StringBuilder();
        var process = Process.Start(Bash(Localize(command)))!;
        process.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _served[documentedPort] = (process, output);
        _transcript.Append("$ ").Append(command).AppendLine(" &");
        var port = _ports[documentedPort];
        var deadline = TimeProvider.System.GetTimestamp();
        while (!await ListensAsync(port))
        {
            if (process.HasExited || TimeProvider.System.GetElapsedTime(deadline) > TimeSpan.FromSeconds(120))
            {
                throw new ShouldAssertException($"{block.File}:{block.Line}: `{command}` did not listen on 127.0.0.1:{port}:\n{Served()}");
            }

            await Task.Delay(200);
        }
    }

    private static async Task<bool> ListensAsync(int port)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(System.Net.IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private async Task StopAsync(int documentedPort)
    {
        if (_served.Remove(documentedPort, out var served))
        {
            if (!served.Process.HasExited)
            {
                served.Process.Kill(entireProcessTree: true);
                await served.Process.WaitForExitAsync();
            }

            served.Process.Dispose();
        }
    }

    private string Served() =>
        string.Join("\n", _served.Select(s => { lock (s.Value.Output) { return $"[{s.Key}] {s.Value.Output}"; } }));
}
