namespace Fontana.Core.Api;

/// <summary>
/// <c>GET /v1/sessions/{id}</c>: a payment session as the ledger has it. Amounts are decimal strings of utia, keys
/// lowercase hex, addresses bech32m; <c>expiry</c> is unix seconds. <c>status</c> is <c>open</c>, <c>expired</c>
/// (open, but its payer may reclaim) or <c>closed</c> (closed or reclaimed); <c>locked</c> is what it still holds
/// (<c>deposit − claimed</c> while open, 0 once closed).
/// </summary>
public sealed record SessionDto(
    string Id,
    string Status,
    string Payer,
    string Payee,
    string PayeeKey,
    string SessionKey,
    ulong Expiry,
    string Deposit,
    string Claimed,
    string Locked,
    ulong Counter);
