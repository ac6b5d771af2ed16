using System.Text.Json.Serialization;

namespace Fontana.Core.Api;

/// <summary>
/// Source-generated System.Text.Json metadata for the node API (camelCase, no nulls written). A body that names a
/// property twice is refused (<c>malformed-json</c>), as the x402 decoder does: which of the two a reader would take is
/// not something two parties should disagree on.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    AllowDuplicateProperties = false)]
[JsonSerializable(typeof(NodeInfo))]
[JsonSerializable(typeof(SubmitTransactionRequest))]
[JsonSerializable(typeof(ReceiptDto))]
[JsonSerializable(typeof(TransactionStatusDto))]
[JsonSerializable(typeof(TxProofDto))]
[JsonSerializable(typeof(UtxoStatusDto))]
[JsonSerializable(typeof(UtxoProofDto))]
[JsonSerializable(typeof(AddressUtxosDto))]
[JsonSerializable(typeof(BalanceDto))]
[JsonSerializable(typeof(SessionDto))]
[JsonSerializable(typeof(BlockDto))]
[JsonSerializable(typeof(HeaderDto))]
[JsonSerializable(typeof(StreamRequestDto))]
[JsonSerializable(typeof(StreamEventDto))]
[JsonSerializable(typeof(BridgeDepositRequest))]
[JsonSerializable(typeof(WithdrawalConfirmRequest))]
[JsonSerializable(typeof(WithdrawalDto))]
[JsonSerializable(typeof(WithdrawalListDto))]
[JsonSerializable(typeof(WithdrawalStatusDto))]
[JsonSerializable(typeof(WithdrawalStatusListDto))]
[JsonSerializable(typeof(DepositStatusDto))]
[JsonSerializable(typeof(DepositStatusListDto))]
[JsonSerializable(typeof(BridgeInfoDto))]
public sealed partial class ApiJsonContext : JsonSerializerContext
{
}
