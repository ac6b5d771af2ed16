namespace Fontana.Node.Follower;

/// <summary>The sequencer's answer to a forwarded request, passed back to the client unchanged.</summary>
internal sealed record ForwardedResponse(int Status, string? ContentType, byte[] Body);
