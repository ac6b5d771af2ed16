using System.Diagnostics;

namespace Fontana.Cli.Tests;

/// <summary>A machine without libsodium: the CLI says so with its own code, in one line, and never a stack trace.
/// Every libsodium file — the NuGet package's copy beside <c>fontana.dll</c> and the system's — is hidden by
/// bind-mounting <c>/dev/null</c> over it in a private mount namespace (<c>unshare -rm</c>), so the test changes
/// nothing outside its own process.</summary>
public sealed class MissingSodiumTests : IDisposable
{
    private readonly TempDirectory _home = new("nosodium");

    public void Dispose() => _home.Dispose();

    [MountNamespaceFact]
    public async Task Init_WithoutLibsodium_SodiumUnavailableInOneLine()
    {
        var run = await RunHiddenAsync("init", "--wallet", _home.Combine("wallet.key"));

        run.ExitCode.ShouldBe(1, run.ToString());
        run.Out.ShouldBeEmpty();
        run.Err.ShouldStartWith("error sodium-unavailable: libsodium could not be loaded");
        run.Err.TrimEnd('\n').ShouldNotContain("\n");
        File.Exists(_home.Combine("wallet.key")).ShouldBeFalse();
    }

    [MountNamespaceFact]
    public async Task Init_WithoutLibsodiumJson_CodeInJson()
    {
        var run = await RunHiddenAsync("init", "--wallet", _home.Combine("wallet.key"), "--json");

        run.ExitCode.ShouldBe(1, run.ToString());
        run.ParseJson().GetProperty("code").GetString().ShouldBe("sodium-unavailable");
    }

    private async Task<CliRun> RunHiddenAsync(params string[] args)
    {
        var hide = string.Join(" && ", SodiumFiles().Select(f => $"mount --bind /dev/null '{f}'"));
        var quoted = string.Join(' ', args.Select(a => $"'{a}'"));
        var info = FontanaProcess.StartInfo(_home.Path, []);
        info.FileName = "unshare";
        info.ArgumentList.Clear();
        foreach (var arg in new[] { "-rm", "sh", "-c", $"{hide} && exec dotnet '{FontanaProcess.Dll}' {quoted}" })
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(90));
        return new CliRun(process.ExitCode, await stdout, await stderr);
    }

    /// <summary>The package's copies under runtimes/ and the system libraries the resolver would fall back to (the
    /// loader's standard directories; symbolic links resolved, so each file is hidden once).</summary>
    private static IEnumerable<string> SodiumFiles()
    {
        var runtimes = Path.Combine(AppContext.BaseDirectory, "runtimes");
        var packaged = Directory.Exists(runtimes)
            ? Directory.EnumerateFiles(runtimes, "libsodium*", SearchOption.AllDirectories)
            : [];
        string[] systemDirectories = ["/usr/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/usr/lib", "/usr/lib64", "/usr/local/lib", "/lib", "/lib64"];
        var system = systemDirectories.Where(Directory.Exists).SelectMany(d => Directory.EnumerateFiles(d, "libsodium*", SearchOption.TopDirectoryOnly));
        return packaged.Concat(system).Select(RealPath).Distinct(StringComparer.Ordinal);
    }

    private static string RealPath(string file) =>
        new FileInfo(file).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? Path.GetFullPath(file);
}

/// <summary>A fact that needs a private mount namespace (<c>unshare -rm</c>, Linux): reported as skipped, with the
/// reason, where it cannot run.</summary>
public sealed class MountNamespaceFactAttribute : FactAttribute
{
    public MountNamespaceFactAttribute()
    {
        if (!CanUnshare())
        {
            Skip = "needs `unshare -rm` (Linux user and mount namespaces); not available here";
        }
    }

    private static bool CanUnshare()
    {
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }

        try
        {
            using var probe = Process.Start(new ProcessStartInfo("unshare", ["-rm", "true"]) { RedirectStandardError = true, UseShellExecute = false })!;
            probe.WaitForExit(30_000);
            return probe.HasExited && probe.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}
