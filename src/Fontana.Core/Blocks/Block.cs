using Fontana.Core.Transactions;

namespace Fontana.Core.Blocks;

/// <summary>A block: a header and its transactions in order (the unit posted to data availability).</summary>
public sealed class Block
{
    private readonly Transaction[] _transactions;

    /// <exception cref="ArgumentException">The header's <see cref="BlockHeader.TxCount"/> differs from the number of transactions.</exception>
    public Block(BlockHeader header, IReadOnlyList<Transaction> transactions)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(transactions);
        if (header.TxCount != transactions.Count)
        {
            throw new ArgumentException($"the header counts {header.TxCount} transactions but {transactions.Count} were given", nameof(transactions));
        }

        Header = header;
        _transactions = transactions.Count == 0 ? [] : [.. transactions];
        Transactions = Array.AsReadOnly(_transactions);
    }

    /// <summary>The signed header; its <see cref="BlockHeader.TxCount"/> equals <see cref="Transactions"/>'s count.</summary>
    public BlockHeader Header { get; }

    /// <summary>The transactions in commit order (the order <see cref="BlockHeader.TxRoot"/> hashes them in).</summary>
    public IReadOnlyList<Transaction> Transactions { get; }

    /// <summary>The block's height (<see cref="BlockHeader.Height"/>); 0 for genesis.</summary>
    public ulong Height => Header.Height;

    /// <summary>The block hash (<see cref="BlockHeader.Hash"/>).</summary>
    public Hash32 Hash => Header.Hash;

    internal ReadOnlySpan<Transaction> TransactionSpan => _transactions;

    /// <summary>For logs: height, hash and number of transactions.</summary>
    public override string ToString() => $"block {Height} {Hash} ({_transactions.Length} transactions)";
}
