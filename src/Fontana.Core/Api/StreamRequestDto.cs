namespace Fontana.Core.Api;

/// <summary>A client message on <c>/v1/stream</c>: <see cref="Op"/> is <c>subscribe</c>, <c>unsubscribe</c> or <c>ping</c>;
/// <see cref="Topic"/> is <c>headers</c>, <c>tx</c> (with <see cref="TxId"/>) or <c>address</c> (with <see cref="Address"/>).</summary>
public sealed record StreamRequestDto(string Op, string? Topic = null, string? TxId = null, string? Address = null);
