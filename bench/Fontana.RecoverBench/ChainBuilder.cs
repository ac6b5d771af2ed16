using System.Diagnostics;
using System.Security.Cryptography;
using Fontana.Core;
using Fontana.Core.Crypto;
using Fontana.Core.Encoding;
using Fontana.Core.Transactions;
using Fontana.DataAvailability.Local;
using Fontana.Ledger;
using Fontana.Ledger.Genesis;
using Fontana.Node.Chain;

namespace Fontana.RecoverBench;

/// <summary>
/// Builds the chain a recovery replays: <c>chains</c> payment chains funded at genesis, each a sequence of 1-in-2-out
/// payments (payee + change, min fee) spending its previous change; applied level by level (payment j of every chain,
/// then j+1), a block sealed every <c>levelsPerBlock</c> levels, every block posted to a local DA file as the node's
/// poster would (<see cref="DaPayload"/>). The source store is SQLite <c>synchronous=NORMAL</c>: only the DA file is the
/// product here.
/// </summary>
internal static class ChainBuilder
{
    public const string ChainId = "fontana-recover-bench";
    private const ulong Funding = 1_000_000_000;
    private const ulong Payment = 1_000;
    private const ulong MinFee = 10;

    public static async Task<BuiltChain> BuildAsync(string directory, int transactions, int chains, int levelsPerBlock, Action<string> log)
    {
        chains = Math.Min(chains, transactions);
        var depth = (transactions + chains - 1) / chains;
        using var sequencer = Key("sequencer");
        using var bridge = Key("bridge");
        var owners = Enumerable.Range(0, Math.Min(chains, 256)).Select(i => Key("payer-" + i)).ToArray();
        var payee = new Address(Key("payee").PublicKey);
        var genesis = new GenesisDocument(ChainId, new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero), sequencer.PublicKey, bridge.PublicKey,
            new Address(Key("fees").PublicKey), Amount.FromUtia(MinFee), TimeSpan.FromSeconds(6),
            Enumerable.Range(0, chains).Select(i => new GenesisAllocation(new Address(owners[i % owners.Length].PublicKey), Amount.FromUtia(Funding))).ToArray());
        var clock = Stopwatch.StartNew();
        log($"signing {transactions} payments on {chains} chains (depth {depth})");
        var signed = Presign(genesis, owners, payee, chains, depth, transactions);
        log($"signed in {clock.Elapsed.TotalSeconds:F1} s");

        Directory.CreateDirectory(directory);
        var daDirectory = Path.Combine(directory, "da");
        using var da = new LocalDataAvailability(daDirectory);
        await using var ledger = await LedgerHost.OpenAsync(new LedgerOptions
        {
            SqlitePath = Path.Combine(directory, "ledger.db"),
            SqliteSynchronous = Fontana.Ledger.Storage.SqliteSynchronousMode.Normal,
            Genesis = genesis,
            SequencerKey = sequencer,
            BridgeAuthorityKey = bridge,
        });
        await PostAsync(ledger, da, 0, genesis);
        var blocks = 1;
        for (var level = 0; level < depth; level++)
        {
            var batch = new List<Task<ApplyResult>>(chains);
            foreach (var chain in signed)
            {
                if (level < chain.Length)
                {
                    batch.Add(ledger.ApplyAsync(chain[level]));
                }
            }

            foreach (var result in await Task.WhenAll(batch))
            {
                if (!result.IsAccepted)
                {
                    throw new InvalidOperationException($"payment rejected while building the chain: {result}");
                }
            }

            if ((level + 1) % levelsPerBlock == 0 || level == depth - 1)
            {
                var block = await ledger.SealAsync();
                await PostAsync(ledger, da, block.Height, null);
                blocks++;
                if (blocks % 20 == 0)
                {
                    log($"block {block.Height}: {Math.Min(transactions, (level + 1) * chains)} payments, {clock.Elapsed.TotalSeconds:F0} s");
                }
            }
        }

        var tip = ledger.LatestHeader;
        var received = await ledger.GetBalanceAsync(payee);
        if (received.Utia != (ulong)transactions * Payment)
        {
            throw new InvalidOperationException($"the payee holds {received.Utia} utia; expected {(ulong)transactions * Payment}");
        }

        log($"chain built: {blocks} blocks, tip {tip.Height} {tip.Hash}, state root {tip.StateRoot}, {clock.Elapsed.TotalSeconds:F1} s");
        return new BuiltChain(daDirectory, tip.Height, tip.Hash, tip.StateRoot, blocks, transactions, signed[0][0], clock.Elapsed);
    }

    private static async Task PostAsync(ILedger ledger, LocalDataAvailability da, ulong height, GenesisDocument? genesis)
    {
        var block = await ledger.GetFullBlockAsync(height) ?? throw new InvalidOperationException($"block {height} is missing");
        var reference = await da.PostAsync(height, DaPayload.Encode(block, genesis));
        await ledger.MarkPostedAsync(height, reference.ToString());
    }

    private static byte[][][] Presign(GenesisDocument genesis, PrivateKey[] owners, Address payee, int chains, int depth, int total)
    {
        var signed = new byte[chains][][];
        Parallel.For(0, chains, i =>
        {
            var count = (int)Math.Min(depth, Math.Max(0, total - ((long)i * depth)));
            var owner = owners[i % owners.Length];
            var self = new Address(owner.PublicKey);
            var input = genesis.AllocationOutPoint(i);
            var balance = Funding;
            var list = new byte[count][];
            for (var j = 0; j < count; j++)
            {
                balance -= Payment + MinFee;
                var tx = new TransactionBuilder(ChainId)
                    .AddInput(input)
                    .AddOutput(payee, Amount.FromUtia(Payment))
                    .AddOutput(self, Amount.FromUtia(balance))
                    .WithFee(Amount.FromUtia(MinFee))
                    .Sign(owner);
                list[j] = TransactionCodec.Encode(tx);
                input = new OutPoint(tx.TxId, 1);
            }

            signed[i] = list;
        });
        return signed;
    }

    private static PrivateKey Key(string name) => PrivateKey.FromSeed(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes("fontana-recover-bench/" + name)));
}
