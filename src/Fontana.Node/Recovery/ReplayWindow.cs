using Fontana.Core.Blocks;

namespace Fontana.Node.Recovery;

/// <summary>
/// The blocks <see cref="ChainRecovery"/> has handed to the ledger and not yet awaited, oldest first, with the
/// counts of the ones completed. A block counts as recovered (and its DA height may be checkpointed) only once its
/// apply task completed, in order.
/// </summary>
internal sealed class ReplayWindow(IProgress<ulong>? progress)
{
    private readonly Queue<(Task Apply, ulong Height, int Transactions, ulong DaHeight)> _inFlight = new();

    public int Blocks { get; set; }

    public long Transactions { get; private set; }

    public int InFlight => _inFlight.Count;

    /// <summary>Height of the newest block in flight; null when none is.</summary>
    public ulong? QueuedHeight { get; private set; }

    /// <summary>The DA height after the newest block in flight (where reading goes on); null when none is.</summary>
    public ulong? NextDaHeight { get; private set; }

    public void Add(Task apply, Block block, ulong daHeight)
    {
        _inFlight.Enqueue((apply, block.Height, block.Transactions.Count, daHeight));
        QueuedHeight = block.Height;
        NextDaHeight = daHeight;
    }

    /// <summary>Awaits the oldest block (its failure is thrown) and returns the DA height recovery may resume from.</summary>
    public async Task<ulong> CompleteOldestAsync()
    {
        var (apply, height, transactions, daHeight) = _inFlight.Peek();
        try
        {
            await apply.ConfigureAwait(false);
        }
        finally
        {
            _inFlight.Dequeue();
            if (_inFlight.Count == 0)
            {
                QueuedHeight = null;
                NextDaHeight = null;
            }
        }

        Blocks++;
        Transactions += transactions;
        progress?.Report(height);
        return daHeight;
    }

    /// <summary>Awaits every block in flight, in order; the first failure is thrown (the later ones stay in flight).</summary>
    public async Task<ulong> DrainAsync(ulong resumeDaHeight)
    {
        while (_inFlight.Count > 0)
        {
            resumeDaHeight = await CompleteOldestAsync().ConfigureAwait(false);
        }

        return resumeDaHeight;
    }

    /// <summary>
    /// After a failure: waits for everything still in flight without throwing, and returns the DA height after the
    /// last block that completed before the first failure (a block after a failed one never counts).
    /// </summary>
    public async Task<ulong> SettleAsync(ulong resumeDaHeight)
    {
        var failed = false;
        while (_inFlight.Count > 0)
        {
            try
            {
                var next = await CompleteOldestAsync().ConfigureAwait(false);
                if (!failed)
                {
                    resumeDaHeight = next;
                }
            }
#pragma warning disable CA1031 // The first failure is already being reported; later blocks fail because of it.
            catch (Exception)
#pragma warning restore CA1031
            {
                failed = true;
            }
        }

        return resumeDaHeight;
    }
}
