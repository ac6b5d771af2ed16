namespace Fontana.Core.Api;

/// <summary>A server message on <c>/v1/stream</c>. <see cref="Type"/> is one of
/// <c>subscribed</c>, <c>unsubscribed</c>, <c>header</c> (with <see cref="Header"/>), <c>tx</c> (a txid's status:
/// <c>pending</c> → <c>sealed</c> → <c>posted</c>), <c>address</c> (a transaction touching the address, with its
/// status), <c>pong</c>, <c>error</c> (with <see cref="Code"/> and <see cref="Message"/>) or <c>response</c> (the answer to a
/// <c>request</c> op: <see cref="Id"/>, <see cref="StatusCode"/>, <see cref="Body"/> as JSON text,
/// <see cref="ContentType"/>), <c>deposit</c> (a deposit's status changed: <see cref="Status"/> <c>seen</c> →
/// <c>minted</c> | <c>unclaimed</c>, the whole record in <see cref="Deposit"/>) or <c>withdrawal</c> (a withdrawal's payout
/// status changed: <see cref="Status"/> <c>pending</c> → <c>paying</c> → <c>paid</c> → <c>confirmed</c> | <c>failed</c>,
/// the record in <see cref="Withdrawal"/>).</summary>
public sealed record StreamEventDto(
    string Type,
    string? Topic = null,
    string? TxId = null,
    string? Address = null,
    string? Status = null,
    ulong? BlockHeight = null,
    string? BlockHash = null,
    string? DaReference = null,
    HeaderDto? Header = null,
    string? Code = null,
    string? Message = null,
    string? Id = null,
    int? StatusCode = null,
    string? Body = null,
    string? ContentType = null,
    DepositStatusDto? Deposit = null,
    WithdrawalStatusDto? Withdrawal = null);
