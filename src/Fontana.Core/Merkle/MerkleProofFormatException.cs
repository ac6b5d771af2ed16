namespace Fontana.Core.Merkle;

/// <summary>
/// Thrown by the Merkle proof decoders (<see cref="MerkleInclusionProof.Decode"/>, <see cref="SmtProof.Decode"/>)
/// and by nothing else: the bytes are not a well-formed proof. <see cref="Code"/> is a stable kebab-case code
/// (the full list is in docs/state-tree.md).
/// </summary>
public sealed class MerkleProofFormatException : FormatException
{
    /// <summary>A malformed proof: <paramref name="code"/> is the stable code (e.g. <c>merkle-proof-truncated</c>), <paramref name="message"/> what is wrong.</summary>
    public MerkleProofFormatException(string code, string message)
        : base(message)
    {
        Code = code;
    }

    /// <summary>Stable kebab-case error code, e.g. <c>merkle-proof-truncated</c> or <c>smt-proof-noncanonical</c>.</summary>
    public string Code { get; }
}
