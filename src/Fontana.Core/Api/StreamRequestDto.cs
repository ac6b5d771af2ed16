namespace Fontana.Core.Api;

/// <summary>A client message on <c>/v1/stream</c>: <see cref="Op"/> is <c>subscribe</c>, <c>unsubscribe</c>, <c>ping</c> or
/// <c>request</c>; <see cref="Topic"/> is <c>headers</c>, <c>tx</c> (with <see cref="TxId"/>) or <c>address</c> (with
/// <see cref="Address"/>). <see cref="FromHeight"/> on a <c>headers</c> subscription resumes: the node first sends the
/// sealed headers from that height to its tip, then live ones, with no gap and no repeat. A <c>request</c> carries
/// <see cref="Id"/> (echoed in the <c>response</c>), <see cref="Method"/> (<c>GET</c> | <c>POST</c>), <see cref="Path"/>
/// (a node API path under <c>/v1/</c>) and, for POST, <see cref="Body"/> (JSON text).</summary>
public sealed record StreamRequestDto(
    string Op,
    string? Topic = null,
    string? TxId = null,
    string? Address = null,
    ulong? FromHeight = null,
    string? Id = null,
    string? Method = null,
    string? Path = null,
    string? Body = null);
