using System.Text.Json;

namespace Fontana.Cli.Tests;

/// <summary>Issue 13: <c>fontana wallet create | use | list</c> (the default wallet follows the active profile) and
/// <c>wallet backup | restore</c> onto a fresh HOME (the same wallet and its store come back), with their refusals.</summary>
public sealed class WalletProfileTests : IDisposable
{
    private readonly TempDirectory _first = new("profiles");
    private readonly TempDirectory _second = new("restored");

    [Fact]
    public async Task CreateUseList_DefaultWalletFollowsTheActiveProfile()
    {
        var alice = await Json(_first.Path, "wallet", "create", "alice");
        var bob = await Json(_first.Path, "wallet", "create", "bob");
        (await Json(_first.Path, "wallet", "use", "bob")).GetProperty("active").GetString().ShouldBe("bob");

        (await Json(_first.Path, "show")).GetProperty("address").GetString().ShouldBe(bob.GetProperty("address").GetString());
        var list = await Json(_first.Path, "wallet", "list");
        list.GetProperty("active").GetString().ShouldBe("bob");
        list.GetProperty("wallets").EnumerateArray().Select(w => w.GetProperty("name").GetString()!).ToArray().ShouldBe(new[] { "alice", "bob" });

        (await Json(_first.Path, "wallet", "use", "alice")).GetProperty("active").GetString().ShouldBe("alice");
        (await Json(_first.Path, "show")).GetProperty("address").GetString().ShouldBe(alice.GetProperty("address").GetString());

        var missing = await FontanaProcess.RunAsync(_first.Path, "wallet", "use", "carol");
        missing.ExitCode.ShouldBe(1);
        missing.Err.ShouldContain("wallet-not-found");
        var badName = await FontanaProcess.RunAsync(_first.Path, "wallet", "create", "../evil");
        badName.ExitCode.ShouldBe(1);
        badName.Err.ShouldContain("bad-argument");
        var again = await FontanaProcess.RunAsync(_first.Path, "wallet", "create", "alice");
        again.ExitCode.ShouldBe(1);
        again.Err.ShouldContain("wallet-exists");
    }

    [Fact]
    public async Task BackupRestore_FreshHome_SameWalletAndStoreNothingOverwritten()
    {
        var pass = new Dictionary<string, string?> { ["FONTANA_BACKUP_PASSPHRASE"] = "correct horse" };
        var created = await Json(_first.Path, "init");
        (await FontanaProcess.RunAsync(_first.Path, "budget", "set", "app:agent", "--total", "0.5 TIA")).ExitCode.ShouldBe(0);
        var backup = _first.Combine("wallet.backup");

        var noPassphrase = await FontanaProcess.RunAsync(_first.Path, "wallet", "backup", "--out", backup);
        noPassphrase.ExitCode.ShouldBe(1);
        noPassphrase.Err.ShouldContain("backup-passphrase-required");
        (await FontanaProcess.RunAsync(_first.Path, pass, "wallet", "backup", "--out", backup)).ExitCode.ShouldBe(0);

        var restored = await FontanaProcess.RunAsync(_second.Path, pass, "wallet", "restore", "--from", backup, "--json");
        restored.ExitCode.ShouldBe(0, restored.ToString());
        (await Json(_second.Path, "show")).GetProperty("address").GetString().ShouldBe(created.GetProperty("address").GetString());
        var budget = await Json(_second.Path, "budget", "show");
        budget.GetProperty("permissions")[0].GetProperty("scope").GetString().ShouldBe("app:agent");

        var keyFile = Path.Combine(_second.Path, ".fontana", "wallet.key");
        var before = await File.ReadAllBytesAsync(keyFile);
        var over = await FontanaProcess.RunAsync(_second.Path, pass, "wallet", "restore", "--from", backup);
        over.ExitCode.ShouldBe(1);
        over.Err.ShouldContain("backup-would-overwrite");
        (await File.ReadAllBytesAsync(keyFile)).ShouldBe(before);

        var wrong = await FontanaProcess.RunAsync(_second.Path, new Dictionary<string, string?> { ["FONTANA_BACKUP_PASSPHRASE"] = "wrong" },
            "wallet", "restore", "--from", backup, "--wallet", _second.Combine("other.key"));
        wrong.ExitCode.ShouldBe(1);
        wrong.Err.ShouldContain("backup-wrong-passphrase");
        File.Exists(_second.Combine("other.key")).ShouldBeFalse();
    }

    [PostgresFact]
    public async Task BackupRestore_PostgresStoreIntoAnEmptySchema_SameBudgetsNeverOverAStore()
    {
        var postgres = TestPostgres.ConnectionString!;

        var pass = new Dictionary<string, string?> { ["FONTANA_BACKUP_PASSPHRASE"] = "correct horse" };
        var source = "wallet_cli_" + Guid.NewGuid().ToString("N")[..10];
        var target = "wallet_cli_" + Guid.NewGuid().ToString("N")[..10];
        Sql(postgres, $"CREATE SCHEMA {source}; CREATE SCHEMA {target};");
        try
        {
            var created = await Json(_first.Path, "init");
            (await FontanaProcess.RunAsync(_first.Path, "budget", "set", "app:agent", "--total", "0.5 TIA", "--store", Schema(postgres, source))).ExitCode.ShouldBe(0);
            var backup = _first.Combine("wallet.backup");

            var wrote = await FontanaProcess.RunAsync(_first.Path, pass, "wallet", "backup", "--out", backup, "--store", Schema(postgres, source));
            wrote.ExitCode.ShouldBe(0, wrote.ToString());
            var restored = await FontanaProcess.RunAsync(_second.Path, pass, "wallet", "restore", "--from", backup, "--store", Schema(postgres, target), "--json");

            restored.ExitCode.ShouldBe(0, restored.ToString());
            (await Json(_second.Path, "show")).GetProperty("address").GetString().ShouldBe(created.GetProperty("address").GetString());
            var budget = await Json(_second.Path, "budget", "show", "--store", Schema(postgres, target));
            budget.GetProperty("permissions")[0].GetProperty("scope").GetString().ShouldBe("app:agent");
            budget.GetProperty("permissions")[0].GetProperty("total").GetString().ShouldBe("500000");
            var over = await FontanaProcess.RunAsync(_second.Path, pass, "wallet", "restore", "--from", backup, "--store", Schema(postgres, target), "--wallet", _second.Combine("other.key"));
            over.ExitCode.ShouldBe(1);
            over.Err.ShouldContain("backup-would-overwrite");
            File.Exists(_second.Combine("other.key")).ShouldBeFalse();
        }
        finally
        {
            Sql(postgres, $"DROP SCHEMA {source} CASCADE; DROP SCHEMA {target} CASCADE;");
        }
    }

    public void Dispose()
    {
        _first.Dispose();
        _second.Dispose();
    }

    private static string Schema(string postgres, string schema) => postgres + ";Search Path=" + schema;

    private static void Sql(string postgres, string sql)
    {
        using var connection = new Npgsql.NpgsqlConnection(postgres);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static async Task<JsonElement> Json(string home, params string[] args)
    {
        var (exit, json, err) = await FontanaProcess.RunJsonAsync(home, args);
        exit.ShouldBe(0, err);
        return json;
    }
}
