using Fontana.Core;

namespace Fontana.Sdk.Subscriptions;

/// <summary>A transaction's status as the node streams it: <c>pending</c> (applied, receipted), <c>sealed</c> (in a
/// block: <see cref="BlockHeight"/>, <see cref="BlockHash"/>) or <c>posted</c> (its block on DA: <see cref="DaReference"/>).
/// Statuses only move forward; across a reconnect an intermediate one may be skipped, never repeated.</summary>
public sealed record TransactionStatusUpdate(Hash32 TxId, string Status, ulong? BlockHeight, string? BlockHash, string? DaReference)
{
    /// <summary>True once the transaction's block is on DA: no later status follows.</summary>
    public bool IsFinal => Status == "posted";
}
