using Fontana.Core;
using Fontana.Core.Blocks;
using Fontana.Core.Crypto;
using Fontana.Core.Encoding;
using Fontana.Core.Merkle;
using Fontana.Core.Transactions;
using Fontana.Ledger.State;
using Fontana.Ledger.Storage;

namespace Fontana.Ledger.Genesis;

/// <summary>
/// Block 0: no transactions (tx root = the empty tree's root), previous hash = the genesis hash, timestamp = the
/// genesis timestamp, state root = the state tree over the allocations, signed by the sequencer key.
/// </summary>
internal static class GenesisBlockBuilder
{
    /// <summary>The unsigned block 0 header, the rows that create the chain (allocations, block 0) and the genesis tree's nodes.</summary>
    public static (BlockHeader Unsigned, StoreBatch Batch, List<SmtNodeRow> Nodes) Build(GenesisDocument genesis)
    {
        var batch = new StoreBatch();
        var entries = new (Hash32 Key, Hash32? Value)[genesis.Allocations.Count];
        for (var i = 0; i < entries.Length; i++)
        {
            var allocation = genesis.Allocations[i];
            var outPoint = genesis.AllocationOutPoint(i);
            var output = new TxOutput(allocation.Address, allocation.Amount);
            entries[i] = (outPoint.StateKey(), output.StateValue());
            batch.NewUtxos.Add(new NewUtxo(outPoint, allocation.Address.PublicKey, allocation.Amount, 0));
        }

        var (root, rows) = StateTree.Build(entries);
        var header = new BlockHeader(
            BlockHeader.CurrentVersion,
            genesis.ChainId,
            0,
            genesis.Hash,
            (ulong)genesis.Timestamp.ToUnixTimeMilliseconds(),
            0,
            MerkleTree.EmptyRoot,
            root);
        return (header, batch, rows);
    }

    /// <summary>Signs block 0, or checks a given one (recovery) against the genesis.</summary>
    public static BlockHeader Finish(GenesisDocument genesis, BlockHeader unsigned, PrivateKey? sequencerKey, BlockHeader? given)
    {
        if (given is not null)
        {
            if (given.Hash != unsigned.Hash)
            {
                throw new LedgerException(
                    LedgerErrorCodes.GenesisMismatch,
                    $"the given block 0 ({given.Hash}) is not the genesis block of this genesis ({unsigned.Hash})");
            }

            if (!given.VerifySignature(genesis.SequencerPublicKey))
            {
                throw new LedgerException(LedgerErrorCodes.GenesisMismatch, "the given block 0 is not signed by the genesis sequencer key");
            }

            return given;
        }

        return sequencerKey is null
            ? throw new LedgerException(LedgerErrorCodes.KeyMissing, "creating a chain needs the sequencer key (Ledger:SequencerKey) or block 0 (recovery)")
            : unsigned.Sign(sequencerKey);
    }

    public static StoredBlock ToStored(BlockHeader header) =>
        new(0, header.Hash, BlockHeaderCodec.Encode(header), 1, 0, StoredBlockStatus.Sealed, null);
}
