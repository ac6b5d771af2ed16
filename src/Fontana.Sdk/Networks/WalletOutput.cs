using Fontana.Core;

namespace Fontana.Sdk.Networks;

/// <summary>One unspent output of a wallet, as its network's node lists it.</summary>
/// <param name="OutPoint">Where it is: txid and output index.</param>
/// <param name="Amount">What it holds.</param>
public sealed record WalletOutput(OutPoint OutPoint, Amount Amount);
