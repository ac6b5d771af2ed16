namespace Fontana.Core.Api;

/// <summary>A node API answer as bytes: the HTTP status, the body (JSON, or problem+json for errors) and its content
/// type. What every SDK transport (HTTP, WebSocket, in-process) returns for a request.</summary>
/// <param name="Status">The HTTP status code.</param>
/// <param name="Body">The response body (UTF-8 JSON); empty when there was none.</param>
/// <param name="ContentType">The body's media type, e.g. <c>application/json</c> or <c>application/problem+json</c>.</param>
public sealed record NodeApiResponse(int Status, byte[] Body, string? ContentType);
