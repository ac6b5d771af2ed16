using Fontana.Core.Blocks;
using Fontana.Core.Encoding;
using Fontana.Core.Validation;

namespace Fontana.Ledger.Pipeline;

/// <summary>
/// The stateless half of replaying a block, done before the block reaches the writer and on all cores: every
/// transaction's stateless rules (signature included; no expiry — the block fixed acceptance) and its canonical
/// encoding. The writer then only applies the stateful rules, so recovery verifies signatures in parallel, and a
/// caller that submits the next block while this one commits overlaps verification with the commit.
/// </summary>
internal sealed class ReplayPreparation
{
    private const int ParallelThreshold = 64;

    private ReplayPreparation(ValidationResult[] results, byte[][] encoded)
    {
        Results = results;
        Encoded = encoded;
    }

    /// <summary>Stateless outcome of each transaction, in block order.</summary>
    public ValidationResult[] Results { get; }

    /// <summary>Canonical bytes of each transaction, in block order.</summary>
    public byte[][] Encoded { get; }

    public static ReplayPreparation Prepare(Block block, LedgerContext context)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var transactions = block.Transactions;
        var results = new ValidationResult[transactions.Count];
        var encoded = new byte[transactions.Count][];
        var validation = new ValidationContext(context.ChainId, 0, context.Genesis.MinFee);
        void One(int i)
        {
            var tx = transactions[i];
            results[i] = TransactionValidator.Validate(tx, validation);
            encoded[i] = TransactionCodec.Encode(tx);
        }

        if (transactions.Count < ParallelThreshold)
        {
            for (var i = 0; i < transactions.Count; i++)
            {
                One(i);
            }
        }
        else
        {
            Parallel.For(0, transactions.Count, One);
        }

        context.Stats.AddVerify(System.Diagnostics.Stopwatch.GetTimestamp() - started);
        return new ReplayPreparation(results, encoded);
    }
}
