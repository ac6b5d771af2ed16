using Fontana.Core;

namespace Fontana.Node.Follower;

/// <summary>Why a follower stopped syncing: <see cref="Code"/> is <c>equivocation</c> (with both block hashes) or the
/// ledger's code for a block that does not replay (<c>block-invalid</c>, <c>block-mismatch</c>).</summary>
public sealed record FollowerHalt(string Code, ulong Height, string Reason, Hash32? HeldHash, Hash32? OtherHash);
