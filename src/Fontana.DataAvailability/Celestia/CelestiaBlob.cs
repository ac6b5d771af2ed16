namespace Fontana.DataAvailability.Celestia;

/// <summary>
/// A blob as celestia-node's JSON-RPC carries it (celestia-node <c>blob/blob.go</c>, <c>jsonBlob</c>):
/// <c>{"namespace": base64(29 bytes), "data": base64, "share_version": 0, "commitment": base64(32 bytes), "index": -1}</c>
/// (<c>index</c> is the blob's first share index in the extended square once included, -1 before).
/// </summary>
internal sealed record CelestiaBlob(byte[] Namespace, byte[] Data, uint ShareVersion, byte[] Commitment, long Index = -1)
{
    public string CommitmentBase64 => Convert.ToBase64String(Commitment);
}
