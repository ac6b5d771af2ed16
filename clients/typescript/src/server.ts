// The server side of Fontana's `exact` scheme for @x402/core resource servers (@x402/express, @x402/hono): prices in
// TIA/utia, a provider-signed challenge per request in `extra`, the node as facilitator.
import type { AssetAmount, Network, PaymentRequirements, Price, SchemeNetworkServer } from "@x402/core/types";
import { ed25519 } from "@noble/curves/ed25519.js";
import { randomBytes } from "node:crypto";
import { bytesToHex, encodeAddress, encodeChallenge, type FontanaChallenge, verifyChallenge } from "./encoding.js";

/** Options of {@link FontanaExactServer}. */
export interface FontanaExactServerOptions {
  /** The 32-byte Ed25519 seed the provider signs its challenges with. */
  challengeSeed: Uint8Array;
  /** The Fontana node payers read coins from (written into each challenge). */
  ledgerUrl: string;
  /** How long a challenge stays payable, in seconds (default 60). */
  challengeLifetimeSeconds?: number;
  /** Clock in unix seconds (default: the system clock). */
  now?: () => number;
}

/** Per-request fields of the challenge: they differ between the 402 and the paid retry, so core ignores them when matching. */
const PER_REQUEST_FIELDS = ["id", "expiresAt", "signature", "resource", "method"];

/**
 * `exact` on `fontana:*` for an x402 resource server. `parsePrice` reads `"0.001 TIA"`, `"1000utia"`, a number of TIA
 * or `{amount, asset: "utia"}`; every 402 carries a fresh challenge signed with the provider's key for this URL and
 * method; the paid retry reuses the challenge the client answered (checked: our key, this URL and method, this price,
 * not expired), so the node's facilitator verifies and settles exactly what was paid. Payments settle before the
 * handler (`upfront`); the node refuses a second settlement of one payment (`duplicate_settlement`).
 */
export class FontanaExactServer implements SchemeNetworkServer {
  readonly scheme = "exact";
  readonly defaultAssetTransferMethod = "default";
  readonly paymentFlows = { default: { supported: ["upfront"] as const, default: "upfront" as const } };
  readonly dynamicExtraFields = PER_REQUEST_FIELDS;
  private readonly seed: Uint8Array;
  private readonly providerKey: string;
  private readonly ledgerUrl: string;
  private readonly lifetime: number;
  private readonly now: () => number;

  constructor(options: FontanaExactServerOptions) {
    if (options.challengeSeed.length !== 32) throw new Error("a challenge key seed is 32 bytes");
    this.seed = options.challengeSeed;
    this.providerKey = bytesToHex(ed25519.getPublicKey(options.challengeSeed));
    this.ledgerUrl = options.ledgerUrl.replace(/\/+$/, "");
    this.lifetime = options.challengeLifetimeSeconds ?? 60;
    this.now = options.now ?? (() => Math.floor(Date.now() / 1000));
  }

  async parsePrice(price: Price, network: Network): Promise<AssetAmount> {
    if (!network.startsWith("fontana:")) throw new Error(`FontanaExactServer prices fontana: networks, not ${network}`);
    if (typeof price === "object" && price !== null) {
      if (price.asset !== "utia" || !/^[1-9]\d*$/.test(price.amount)) throw new Error(`bad-amount: ${JSON.stringify(price)} is not a positive utia amount`);
      return { amount: price.amount, asset: "utia" };
    }
    return { amount: parseTia(String(price)).toString(), asset: "utia" };
  }

  getAssetDecimals(): number { return 6; }

  async enhancePaymentRequirements(requirements: PaymentRequirements): Promise<PaymentRequirements> {
    // The stable part of the challenge; the per-request part is added to each 402 (enrichPaymentRequiredResponse).
    return { ...requirements, asset: "utia", extra: { ...requirements.extra, ledgerUrl: this.ledgerUrl, providerKey: this.providerKey } };
  }

  async enrichPaymentRequiredResponse(ctx: {
    requirements: PaymentRequirements[];
    resourceInfo: { url: string };
    transportContext?: unknown;
  }): Promise<PaymentRequirements[]> {
    const request = (ctx.transportContext as { request?: { method?: string; paymentHeader?: string; adapter?: { getHeader(n: string): string | undefined } } } | undefined)?.request;
    const method = (request?.method ?? "GET").toUpperCase();
    const header = request?.paymentHeader ?? request?.adapter?.getHeader("payment-signature");
    const answered = header ? this.answeredChallenge(header) : undefined;
    return ctx.requirements.map(r => {
      if (r.scheme !== this.scheme || !r.network.startsWith("fontana:")) return r;
      const reuse = answered && this.fits(answered, r, ctx.resourceInfo.url, method) ? answered : undefined;
      return { ...r, extra: { ...r.extra, ...(reuse ?? this.issue(r, ctx.resourceInfo.url, method)) } };
    });
  }

  private issue(r: PaymentRequirements, resource: string, method: string): FontanaChallenge {
    const challenge: FontanaChallenge = {
      id: bytesToHex(randomBytes(16)), resource, method, amount: r.amount, payTo: r.payTo, network: r.network,
      expiresAt: this.now() + this.lifetime, ledgerUrl: this.ledgerUrl, providerKey: this.providerKey,
    };
    return { ...challenge, signature: bytesToHex(ed25519.sign(encodeChallenge(challenge), this.seed)) };
  }

  private fits(c: FontanaChallenge, r: PaymentRequirements, resource: string, method: string): boolean {
    return c.providerKey === this.providerKey && verifyChallenge(c) && c.resource === resource && c.method === method
      && c.amount === r.amount && c.payTo === r.payTo && c.network === r.network && c.expiresAt > this.now();
  }

  private answeredChallenge(header: string): FontanaChallenge | undefined {
    try {
      const payload = JSON.parse(Buffer.from(header, "base64").toString("utf8"));
      return payload?.accepted?.extra as FontanaChallenge | undefined;
    } catch {
      return undefined;
    }
  }
}

/** utia in `"0.001 TIA"`, `"1000utia"`, `"1000 utia"` or a number of TIA (at most 6 decimals). */
export function parseTia(text: string): bigint {
  const t = text.trim();
  const utia = /^(\d+)\s*utia$/i.exec(t);
  if (utia) return BigInt(utia[1]);
  const tia = /^(\d+)(?:\.(\d{1,6}))?(?:\s*TIA)?$/i.exec(t);
  if (!tia) throw new Error(`bad-amount: "${text}" is not an amount like "0.001 TIA" or "1000utia"`);
  return BigInt(tia[1]) * 1_000_000n + BigInt((tia[2] ?? "").padEnd(6, "0") || "0");
}

/** The provider's `fnt1…` address for a seed (the `payTo` of its routes). */
export function addressOfSeed(seed: Uint8Array): string {
  return encodeAddress(ed25519.getPublicKey(seed));
}
