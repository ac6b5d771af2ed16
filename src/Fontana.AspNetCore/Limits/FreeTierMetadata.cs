namespace Fontana.AspNetCore.Limits;

/// <summary>A free tier on an endpoint: <see cref="Calls"/> free calls per client per <see cref="Window"/>
/// (<c>WithFreeTier</c> or <c>[FreeTier]</c>).</summary>
internal interface IFreeTierMetadata
{
    int Calls { get; }

    TimeSpan Window { get; }
}

/// <summary>Endpoint metadata of <c>WithFreeTier</c>.</summary>
internal sealed record FreeTierMetadata(int Calls, TimeSpan Window) : IFreeTierMetadata;
