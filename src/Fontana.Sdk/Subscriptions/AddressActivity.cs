using Fontana.Core;

namespace Fontana.Sdk.Subscriptions;

/// <summary>A transaction touching an address (as signer or recipient) changed status: <c>pending</c>, <c>sealed</c>
/// (with <see cref="BlockHeight"/>) or <c>posted</c>. Each (transaction, status) is delivered at most once.</summary>
public sealed record AddressActivity(Address Address, Hash32 TxId, string Status, ulong? BlockHeight);
