using System.Diagnostics;
using System.Text.Json.Nodes;
using Fontana.Ledger;
using Fontana.Node.Recovery;
using Fontana.Node.Tests.Support;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;

namespace Fontana.Node.Tests.Recovery;

/// <summary>
/// <c>fontana recover</c> into a new store is a bulk load: the store's txid index is dropped until the close builds it
/// (docs/ledger.md "Bulk load"). A SIGKILL in the middle leaves a store without the index and a checkpoint behind the
/// tip; running the same command again resumes and ends with the chain's state root, the index, and every transaction.
/// </summary>
public sealed class RecoverKilledTests(ITestOutputHelper output)
{
    private const int Transactions = 24_000;
    private const int Chains = 200;

    [Fact]
    public async Task Recover_KilledMidReplay_StoreWithoutTxidIndex_RerunResumesToTheSameRootWithTheIndex()
    {
        using var home = new TempDir();
        var built = await FontanaProcess.RunJsonAsync(home.Path, "bench", "recover", "--transactions", $"{Transactions}", "--chains", $"{Chains}", "--levels-per-block", "1", "--dir", home.Combine("bench"));
        built.ExitCode.ShouldBe(0, built.Err);
        var source = home.Combine("bench", $"source-{Transactions}-{Chains}-1");
        var expectedRoot = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(source, "built.json")))!["stateRoot"]!.GetValue<string>();
        var tip = built.Json.GetProperty("blocks").GetInt32() - 1;
        var seed = Environment.TickCount;
        var killAt = new Random(seed).Next(2, tip / 3); // 120 small blocks: the kill lands in the replay, not at its close
        output.WriteLine($"seed {seed}: {tip} blocks, SIGKILL once block {killAt} is stored");
        var target = home.Combine("recovered");
        string[] recover = ["recover", "--da-dir", Path.Combine(source, "da"), "--data-dir", target];

        using (var process = Process.Start(FontanaProcess.StartInfo(home.Path, recover))!)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            await Wait.UntilAsync(() => StoredHeight(target) >= killAt || process.HasExited, TimeSpan.FromSeconds(60), $"block {killAt} stored");
            process.HasExited.ShouldBeFalse("recovery finished before the kill");
            process.Kill(); // SIGKILL
            await process.WaitForExitAsync();
            process.ExitCode.ShouldBe(137, $"killed by SIGKILL; stderr: {await stderr}");
            await stdout;
        }

        var checkpoint = RecoveryCheckpoint.TryLoad(target);
        checkpoint.ShouldNotBeNull();
        checkpoint.Height.ShouldBeLessThan((ulong)tip);
        var stored = StoredHeight(target);
        output.WriteLine($"killed with block {stored} stored, checkpoint at block {checkpoint.Height}");
        stored.ShouldBeLessThan(tip, "killed in the middle");
        Scalar(target, "SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND name = 'transactions_txid'").ShouldBe(0L, "the bulk load had the index dropped");

        var rerun = await FontanaProcess.RunJsonAsync(home.Path, recover);

        rerun.ExitCode.ShouldBe(0, rerun.Err);
        rerun.Json.GetProperty("stateRoot").GetString().ShouldBe(expectedRoot);
        rerun.Json.GetProperty("height").GetInt32().ShouldBe(tip);
        Scalar(target, "SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND name = 'transactions_txid'").ShouldBe(1L, "the store opened after the kill rebuilt it");
        Scalar(target, "SELECT COUNT(*) FROM transactions").ShouldBe((long)Transactions);
        await using var original = await LedgerHost.OpenAsync(new LedgerOptions { SqlitePath = Path.Combine(source, "ledger.db") });
        await using var recovered = await LedgerHost.OpenAsync(new LedgerOptions { SqlitePath = Path.Combine(target, "ledger.db") });
        recovered.LatestHeader.Hash.ShouldBe(original.LatestHeader.Hash);
        var found = 0;
        for (ulong h = 1; h <= (ulong)tip; h++)
        {
            foreach (var tx in (await original.GetFullBlockAsync(h))!.Transactions)
            {
                (await recovered.GetTransactionAsync(tx.TxId)).ShouldNotBeNull($"transaction {tx.TxId} of block {h}");
                found++;
            }
        }

        found.ShouldBe(Transactions);
    }

    /// <summary>The highest block in the store (-1 before the store exists), read beside the writer (WAL).</summary>
    private static int StoredHeight(string directory)
    {
        var path = Path.Combine(directory, "ledger.db");
        if (!File.Exists(path))
        {
            return -1;
        }

        try
        {
            return (int)Scalar(directory, "SELECT COALESCE(MAX(height), -1) FROM blocks");
        }
        catch (SqliteException e) when (e.SqliteErrorCode is 1 or 5 or 6)
        {
            return -1; // the schema is still being created (no such table), or it is locked for that
        }
    }

    private static long Scalar(string directory, string sql)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(directory, "ledger.db"),
            Pooling = false,
        }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }
}
