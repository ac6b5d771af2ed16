using Fontana.Core;
using Fontana.Core.Api;

namespace Fontana.AspNetCore;

/// <summary>
/// The settled payment behind the current request, for the endpoint's handler:
/// <c>HttpContext.GetFontanaPayment()</c>. Set only on paid endpoints, after settlement.
/// </summary>
/// <param name="TxId">The payment transaction id.</param>
/// <param name="Payer">The payer's address (the transaction signer).</param>
/// <param name="Amount">The price paid.</param>
/// <param name="Receipt">The ledger's provisional receipt.</param>
/// <param name="ChallengeId">The id of the challenge the payment answered.</param>
/// <param name="IsRetry">True when this request took over the call of an instance that stopped before settling it (the handler still runs once; replays of a finished call are answered from the stored response and never reach the handler).</param>
public sealed record FontanaPayment(Hash32 TxId, Address Payer, Amount Amount, ReceiptDto Receipt, string ChallengeId, bool IsRetry);
