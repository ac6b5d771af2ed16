namespace Fontana.AspNetCore.Limits;

/// <summary>Endpoint metadata of <c>WithFreeTier</c>: <see cref="Calls"/> free calls per client per <see cref="Window"/>.</summary>
internal sealed record FreeTierMetadata(int Calls, TimeSpan Window);
