namespace Fontana.Core.Api;

/// <summary><c>POST /v1/transactions</c>: the signed transaction's canonical bytes, base64.</summary>
public sealed record SubmitTransactionRequest(string Transaction);
