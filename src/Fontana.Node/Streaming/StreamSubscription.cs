using Fontana.Core;

namespace Fontana.Node.Streaming;

/// <summary>A parsed subscription: <see cref="Topic"/> and, for <c>tx</c> / <c>address</c>, its key.</summary>
internal readonly record struct StreamSubscription(string Topic, Hash32 TxId = default, Address Address = default);
