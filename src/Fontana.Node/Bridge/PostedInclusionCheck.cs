using Fontana.Core;
using Fontana.Core.Blocks;
using Fontana.DataAvailability;
using Fontana.Ledger;
using Fontana.Node.Chain;

namespace Fontana.Node.Bridge;

/// <summary>
/// Before a withdrawal is paid: its block must be sealed <em>and</em> posted to DA, and the transaction's inclusion
/// proof must verify against the header <em>as posted</em> — the block is read back from the DA layer by its recorded
/// reference, its header must be the ledger's (same hash) and signed by the genesis sequencer key, and the Merkle proof
/// of the txid must reach that header's tx root. So a payout only follows a burn that anyone replaying DA will see.
/// Verified heights are remembered (a block posted once does not change).
/// </summary>
internal sealed class PostedInclusionCheck(NodeLedger node, IDataAvailability da)
{
    private readonly HashSet<ulong> _verifiedHeights = [];

    /// <summary>Null when the withdrawal may be paid; otherwise why not yet (not posted), or throws when the proof or
    /// the posted header does not verify (an invariant broken: never pay).</summary>
    public async Task<string?> WhyNotPayableAsync(Hash32 txId, CancellationToken cancellationToken)
    {
        var ledger = node.Ledger;
        var tx = await ledger.GetTransactionAsync(txId, cancellationToken)
            ?? throw new InvalidOperationException($"withdrawal {txId} is listed pending but the ledger does not know it");
        if (tx.Status != TransactionStatus.Posted || tx.Block is null)
        {
            return $"its block is not posted to DA yet ({tx.Status})";
        }

        var proof = await ledger.GetTransactionProofAsync(txId, cancellationToken)
            ?? throw new InvalidOperationException($"withdrawal {txId} is posted but has no inclusion proof");
        var posted = await PostedHeaderAsync(ledger, tx.Block, proof.DaReference ?? tx.DaReference, cancellationToken);
        if (!proof.Proof.Verify(txId, posted.TxRoot))
        {
            throw new InvalidOperationException($"withdrawal {txId}: the inclusion proof does not verify against the tx root of posted block {posted.Height}; not paying");
        }

        return null;
    }

    private async Task<BlockHeader> PostedHeaderAsync(ILedger ledger, BlockHeader local, string? reference, CancellationToken cancellationToken)
    {
        lock (_verifiedHeights)
        {
            if (_verifiedHeights.Contains(local.Height))
            {
                return local;
            }
        }

        if (!DaReference.TryParse(reference, out var daReference, out var error))
        {
            throw new InvalidOperationException($"block {local.Height} is posted with an unreadable DA reference: {error}");
        }

        var bytes = await da.GetAsync(daReference, cancellationToken)
            ?? throw new InvalidOperationException($"block {local.Height} is not found on DA at {daReference}; not paying until it is");
        var header = DaPayload.Decode(bytes).Block.Header;
        if (header.Hash != local.Hash || !header.VerifySignature(ledger.Genesis.SequencerPublicKey))
        {
            throw new InvalidOperationException($"the block posted to DA at {daReference} is not the ledger's block {local.Height} signed by the sequencer; not paying");
        }

        lock (_verifiedHeights)
        {
            _verifiedHeights.Add(local.Height);
        }

        return header;
    }
}
