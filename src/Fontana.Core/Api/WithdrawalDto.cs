namespace Fontana.Core.Api;

/// <summary>A withdrawal (burn) and its L1 confirmation, if any; <see cref="Amount"/> in utia (decimal string).</summary>
public sealed record WithdrawalDto(string TxId, string L1Address, string Amount, bool Confirmed, string? ConfirmationTxId, string? L1TxRef);
