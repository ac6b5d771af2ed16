namespace Fontana.Core.Api;

/// <summary><c>GET /v1/transactions/{txid}</c>. <see cref="Status"/> is <c>pending</c> (applied, not yet in a block),
/// <c>sealed</c> or <c>posted</c> (block data on DA). <see cref="Final"/> is set once sealed.</summary>
public sealed record TransactionStatusDto(string TxId, string Status, string Transaction, ReceiptDto Receipt, FinalReceiptDto? Final);
