using System.Security.Cryptography;
using System.Text;
using Fontana.Core;
using Fontana.Core.Crypto;
using Fontana.Core.Transactions;
using Fontana.Ledger;
using Fontana.Ledger.Genesis;

// Usage: CrashChild <genesis.json> sqlite <path> | postgres <connection string> <schema>
// Opens (or creates) the ledger, then applies 1-in-2-out payments from every genesis allocation's chain of change
// outputs with many concurrent workers, sealing every 50 ms, and prints "ok <txid>" for each receipt (flushed
// line by line). The parent test kills it with SIGKILL at a random moment.
if (args.Length < 3)
{
    await Console.Error.WriteLineAsync("usage: CrashChild <genesis.json> sqlite <path> | postgres <connection string> <schema>");
    return 2;
}

var genesis = await GenesisDocument.LoadAsync(args[0]);
var options = new LedgerOptions
{
    Genesis = genesis,
    SequencerKey = Key("sequencer"),
    BridgeAuthorityKey = Key("bridge"),
};
if (args[1] == "sqlite")
{
    options.Store = LedgerStoreKind.Sqlite;
    options.SqlitePath = args[2];
}
else
{
    options.Store = LedgerStoreKind.Postgres;
    options.PostgresConnectionString = args[2];
    options.PostgresSchema = args[3];
}

var stdout = new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false)) { AutoFlush = true };
await using var ledger = await LedgerHost.OpenAsync(options);
var owners = new Dictionary<PublicKey, PrivateKey>();
for (var i = 0; ; i++)
{
    var key = Key("wallet-" + i);
    if (!genesis.Allocations.Any(a => a.Address.PublicKey == key.PublicKey))
    {
        break;
    }

    owners[key.PublicKey] = key;
}

var merchant = new Address(Key("merchant").PublicKey);
var writeLock = new Lock();
await stdout.WriteLineAsync("ready");
using var stop = new CancellationTokenSource();
var sealer = Task.Run(async () =>
{
    while (!stop.IsCancellationRequested)
    {
        await Task.Delay(50);
        await ledger.SealAsync();
    }
});

// One worker per owner: walks its allocations' current outputs (found through the ledger, so a restarted child
// continues where the killed one stopped).
var workers = owners.Values.Select(key => Task.Run(async () =>
{
    var address = new Address(key.PublicKey);
    while (true)
    {
        var utxos = await ledger.GetUtxosAsync(address, 64);
        var spendable = utxos.Where(u => u.Output.Amount.Utia > genesis.MinFee.Utia + 1).ToList();
        if (spendable.Count == 0)
        {
            return;
        }

        foreach (var utxo in spendable)
        {
            var change = utxo.Output.Amount.Utia - 1 - genesis.MinFee.Utia;
            var tx = new TransactionBuilder(genesis.ChainId)
                .AddInput(utxo.OutPoint)
                .AddOutput(merchant, Amount.FromUtia(1))
                .AddOutput(address, Amount.FromUtia(change))
                .WithFee(genesis.MinFee)
                .Sign(key);
            var result = await ledger.ApplyAsync(tx);
            if (result.IsAccepted)
            {
                lock (writeLock)
                {
                    stdout.WriteLine("ok " + result.TxId);
                }
            }
            else if (result.Code != "input-spent")
            {
                await Console.Error.WriteLineAsync("rejected: " + result);
                Environment.Exit(3);
            }
        }
    }
})).ToArray();

await Task.WhenAll(workers);
stop.Cancel();
await sealer;
await stdout.WriteLineAsync("done");
return 0;

static PrivateKey Key(string name) => PrivateKey.FromSeed(SHA256.HashData(Encoding.UTF8.GetBytes("fontana-test-key/" + name)));
