// Resubmission on `input-spent`: a payment whose coin was spent elsewhere (another process on the same wallet, a node
// view that was a block behind) is refused before the provider runs anything; this wrapper pays the same request
// again with another coin, a bounded number of times.
import { decodePaymentRequiredHeader, decodePaymentResponseHeader } from "@x402/core/http";

/** Options of {@link retryOnInputSpent}. */
export interface RetryOnInputSpentOptions {
  /** How many payments one request may make in all (default 3: the first and two resubmissions). */
  maxAttempts?: number;
}

/**
 * Wraps a paying fetch (x402's `wrapFetchWithPayment` with a {@link FontanaExactClient}) so that a payment refused
 * because its coin was already spent is made again with a fresh payment. Nothing moved for the refused payment (the
 * ledger refuses a transaction whose input is spent as a whole), so paying again cannot pay twice; the spent coin
 * stays locked in the scheme, which re-reads the wallet's coins from the node for the next payment. Any other answer,
 * and the last attempt's refusal, is returned as it is.
 */
export function retryOnInputSpent(
  payingFetch: typeof globalThis.fetch, options: RetryOnInputSpentOptions = {},
): typeof globalThis.fetch {
  const maxAttempts = options.maxAttempts ?? 3;
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1) throw new Error("maxAttempts is a whole number of at least 1");
  return async (input, init) => {
    const original = new Request(input, init);
    for (let attempt = 1; ; attempt++) {
      const response = await payingFetch(original.clone());
      if (attempt >= maxAttempts || !isInputSpentRefusal(response)) return response;
      await response.body?.cancel();
    }
  };
}

/**
 * True for a provider's 402 that refused the payment because its input was already spent. Fontana's provider says so
 * in PAYMENT-RESPONSE with the ledger's code `input-spent`. An x402 server settling through the node's facilitator
 * says it with the spec reason `invalid_transaction_state` (the facilitator's mapping of `input-spent`, docs/x402.md):
 * in PAYMENT-RESPONSE (with `extensions.fontana.ledgerCode`) when settlement failed, or as the `error` of its fresh
 * PAYMENT-REQUIRED when verification did.
 */
export function isInputSpentRefusal(response: Response): boolean {
  if (response.status !== 402) return false;
  const settlement = decode(response.headers.get("PAYMENT-RESPONSE"), decodePaymentResponseHeader) as
    { success?: boolean; errorReason?: string; extensions?: { fontana?: { ledgerCode?: string } } } | undefined;
  if (settlement) {
    return settlement.success === false && (isSpentReason(settlement.errorReason) || settlement.extensions?.fontana?.ledgerCode === "input-spent");
  }
  const required = decode(response.headers.get("PAYMENT-REQUIRED"), decodePaymentRequiredHeader) as { error?: string } | undefined;
  return isSpentReason(required?.error);
}

function isSpentReason(reason: string | undefined): boolean {
  return reason === "input-spent" || reason === "invalid_transaction_state";
}

function decode(header: string | null, decoder: (header: string) => unknown): unknown {
  if (!header) return undefined;
  try {
    return decoder(header);
  } catch {
    return undefined;
  }
}
