using Fontana.Core;
using Fontana.Core.Api;

namespace Fontana.Node.Streaming;

/// <summary>Current status of a transaction, sent to a client right after it subscribes to the txid (so a status
/// reached before the subscription is not missed). Statuses only move forward: pending → sealed → posted.</summary>
internal interface ITxStatusSource
{
    ValueTask<StreamEventDto?> CurrentStatusAsync(Hash32 txId, CancellationToken cancellationToken);
}
