using Fontana.Core.Api;

namespace Fontana.Node.Streaming;

/// <summary>Sealed headers by height, for resumed <c>headers</c> subscriptions (<c>fromHeight</c>).</summary>
internal interface IHeaderHistory
{
    /// <summary>The current tip height, or null while the ledger is not open.</summary>
    ulong? TipHeight { get; }

    ValueTask<HeaderDto?> GetAsync(ulong height, CancellationToken cancellationToken);
}
