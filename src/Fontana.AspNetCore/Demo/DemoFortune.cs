namespace Fontana.AspNetCore.Demo;

/// <summary>The body of <c>GET /demo/fortune</c>.</summary>
public sealed record DemoFortune(string Fortune, string? PaidBy, string? TxId);
