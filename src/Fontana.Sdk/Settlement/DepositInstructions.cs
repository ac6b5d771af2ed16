namespace Fontana.Sdk.Settlement;

/// <summary>How to deposit into a wallet: send TIA on Celestia to <see cref="VaultAddress"/> with <see cref="Memo"/> (the
/// wallet's <c>fnt1…</c> address) as the transaction memo; it is minted after <see cref="Confirmations"/> L1 blocks.
/// <see cref="FaucetUrl"/> is set only on a devnet (its L1 simulator can send from a funded faucet).</summary>
public sealed record DepositInstructions(string VaultAddress, string Memo, int Confirmations, Uri? FaucetUrl, string? FaucetAddress);
