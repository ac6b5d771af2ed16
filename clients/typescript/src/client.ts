// The client side of Fontana's `exact` scheme for @x402/core: builds and signs a Fontana payment for a provider's
// challenge, so `wrapFetchWithPayment` (from @x402/fetch) pays Fontana routes.
import type { PaymentPayloadResult, PaymentRequirements, SchemeNetworkClient } from "@x402/core/types";
import { ed25519 } from "@noble/curves/ed25519.js";
import {
  bytesToHex, challengeHash, encodeAddress, type FontanaChallenge, type OutPoint, parseOutPoint, signTransfer, verifyChallenge,
} from "./encoding.js";

/** Options of {@link FontanaExactClient}. */
export interface FontanaExactClientOptions {
  /** The wallet's 32-byte Ed25519 seed (see `seedFromWalletFile`). */
  seed: Uint8Array;
  /** The fetch the scheme reads the node with (default: globalThis.fetch). */
  fetch?: typeof globalThis.fetch;
}

interface Coin { outPoint: OutPoint; key: string; amount: bigint; }

/**
 * `exact` on `fontana:*` for x402 clients. For each 402 it checks the provider's challenge (signature, amount,
 * payTo, network), picks one of the wallet's coins that covers price + the chain's minimum fee, and signs a transfer:
 * the price to `payTo`, the change back, the memo = SHA-256 of the challenge. A coin handed to a payment stays locked
 * in this client (it is spent once the provider settles), so concurrent payments never pick the same coin; the coin
 * list is re-read from the challenge's node for every payment, so coins spent elsewhere are not offered. A payment
 * refused with `input-spent` is not resubmitted by the scheme itself; wrap the paying fetch in `retryOnInputSpent`
 * to pay such a request again with another coin.
 */
export class FontanaExactClient implements SchemeNetworkClient {
  readonly scheme = "exact";
  readonly address: string;
  private readonly seed: Uint8Array;
  private readonly fetch: typeof globalThis.fetch;
  private readonly locked = new Set<string>();

  constructor(options: FontanaExactClientOptions) {
    if (options.seed.length !== 32) throw new Error("a Fontana wallet seed is 32 bytes");
    this.seed = options.seed;
    this.address = encodeAddress(ed25519.getPublicKey(options.seed));
    this.fetch = options.fetch ?? globalThis.fetch;
  }

  async createPaymentPayload(x402Version: number, requirements: PaymentRequirements): Promise<PaymentPayloadResult> {
    const challenge = readChallenge(requirements);
    const chainId = requirements.network.slice("fontana:".length);
    const price = BigInt(requirements.amount);
    const info = await this.getJson<{ minFee: string }>(challenge.ledgerUrl, "/v1/info");
    const fee = BigInt(info.minFee);
    const coin = await this.lockCoin(challenge.ledgerUrl, price + fee);
    const outputs = [{ address: requirements.payTo, amount: price }];
    if (coin.amount > price + fee) outputs.push({ address: this.address, amount: coin.amount - price - fee });
    const { bytes } = signTransfer({ chainId, inputs: [coin.outPoint], outputs, fee, memo: challengeHash(challenge), expiry: 0n }, this.seed);
    return { x402Version, payload: { transaction: Buffer.from(bytes).toString("base64"), challenge } };
  }

  /** Forgets the locks (e.g. after payments were refused without being settled). */
  unlockAll(): void { this.locked.clear(); }

  private async lockCoin(ledgerUrl: string, needed: bigint): Promise<Coin> {
    const listed = await this.getJson<{ utxos: { outPoint: string; amount: string }[] }>(ledgerUrl, `/v1/addresses/${this.address}/utxos`);
    const coins = listed.utxos
      .map(u => ({ outPoint: parseOutPoint(u.outPoint), key: u.outPoint, amount: BigInt(u.amount) }))
      .filter(c => c.amount >= needed && !this.locked.has(c.key))
      .sort((a, b) => (a.amount < b.amount ? -1 : a.amount > b.amount ? 1 : 0));
    const coin = coins[0];
    if (!coin) throw new Error(`insufficient-funds: no unlocked coin of ${this.address} holds ${needed} utia (price + fee)`);
    this.locked.add(coin.key);
    return coin;
  }

  private async getJson<T>(base: string, path: string): Promise<T> {
    const response = await this.fetch(base.replace(/\/+$/, "") + path);
    if (!response.ok) throw new Error(`node-unreachable: GET ${path} answered ${response.status}`);
    return (await response.json()) as T;
  }
}

/** The provider's challenge from `extra`, checked against the offer; throws with the reason otherwise. */
export function readChallenge(requirements: PaymentRequirements): FontanaChallenge {
  if (requirements.scheme !== "exact" || !requirements.network.startsWith("fontana:")) {
    throw new Error(`not a Fontana offer: ${requirements.scheme} on ${requirements.network}`);
  }
  if (requirements.asset !== "utia") throw new Error(`asset_mismatch: ${requirements.asset} is not utia`);
  const c = requirements.extra as unknown as FontanaChallenge | undefined;
  if (!c || typeof c.id !== "string" || typeof c.ledgerUrl !== "string") throw new Error("invalid_payment_requirements: extra holds no Fontana challenge");
  if (!verifyChallenge(c)) throw new Error("challenge_invalid: the challenge's signature does not verify");
  if (c.amount !== requirements.amount || c.payTo !== requirements.payTo || c.network !== requirements.network) {
    throw new Error("challenge_invalid: the challenge does not match the offer");
  }
  return c;
}

export { bytesToHex };

/**
 * The `x402Client` configuration that pays Fontana routes on `network` (e.g. `fontana:fontana-devnet`) with `scheme`:
 * x402's spend controls only know their default assets, so `utia` is allowed here, capped at `maxUtiaPerPayment`.
 * Use it as `wrapFetchWithPaymentFromConfig(fetch, fontanaClientConfig(...))`.
 */
export function fontanaClientConfig(scheme: FontanaExactClient, network: `fontana:${string}`, maxUtiaPerPayment: bigint) {
  return {
    schemes: [{ network: "fontana:*" as const, client: scheme }],
    spendControls: { allowedAssets: [{ network, asset: "utia", maxAmountPerPayment: maxUtiaPerPayment.toString() }] },
  };
}
