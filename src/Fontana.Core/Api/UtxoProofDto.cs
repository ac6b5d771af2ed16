namespace Fontana.Core.Api;

/// <summary><c>GET /v1/utxos/{outpoint}/proof</c>: inclusion (<see cref="Included"/>) or non-inclusion proof of the
/// outpoint's state key against the state root of the latest sealed block; <see cref="Proof"/> is the compact
/// sparse-Merkle proof encoding, base64; <see cref="Value"/> the leaf value (hex) when included.</summary>
public sealed record UtxoProofDto(string OutPoint, ulong BlockHeight, string StateRoot, string StateKey, bool Included, string? Value, string Proof)
{
    /// <summary>The header of the block whose state root the proof is against (with its canonical bytes, so a client
    /// checks the sequencer's signature and that the root is the header's before trusting the proof).</summary>
    public HeaderDto? Header { get; init; }
}
