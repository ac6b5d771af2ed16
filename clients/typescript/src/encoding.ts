// Fontana's canonical encodings (docs/protocol.md §1–3, docs/x402.md "Canonical challenge encoding"), checked against
// tests/Fontana.Core.Tests/Vectors/codec-vectors.json and the challenge test vector in docs/x402.md.
import { bech32m } from "@scure/base";
import { ed25519 } from "@noble/curves/ed25519.js";
import { sha256 } from "@noble/hashes/sha2.js";

/** The address prefix: addresses are bech32m over the 32-byte Ed25519 public key. */
export const ADDRESS_HRP = "fnt";

const utf8 = new TextEncoder();

/** `fnt1…` for a 32-byte public key. */
export function encodeAddress(publicKey: Uint8Array): string {
  if (publicKey.length !== 32) throw new Error(`a public key is 32 bytes, not ${publicKey.length}`);
  return bech32m.encode(ADDRESS_HRP, bech32m.toWords(publicKey), 90);
}

/** The 32-byte public key of a `fnt1…` address; throws on a bad checksum, prefix or length. */
export function decodeAddress(address: string): Uint8Array {
  const { prefix, words } = bech32m.decode(address as `${string}1${string}`, 90);
  if (prefix !== ADDRESS_HRP) throw new Error(`address prefix "${prefix}" is not "${ADDRESS_HRP}"`);
  const key = bech32m.fromWords(words);
  if (key.length !== 32) throw new Error(`address holds ${key.length} bytes, not a 32-byte public key`);
  return key;
}

export function hexToBytes(hex: string): Uint8Array {
  if (hex.length % 2 !== 0 || /[^0-9a-fA-F]/.test(hex)) throw new Error(`"${hex}" is not hex`);
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}

export function bytesToHex(bytes: Uint8Array): string {
  return Array.from(bytes, b => b.toString(16).padStart(2, "0")).join("");
}

/** Growable big-endian writer. */
class Writer {
  private parts: number[] = [];
  u8(v: number): this { this.parts.push(v & 0xff); return this; }
  u16(v: number): this { return this.u8(v >> 8).u8(v); }
  u64(v: bigint): this {
    if (v < 0n || v > 0xffffffffffffffffn) throw new Error(`${v} does not fit in a u64`);
    for (let i = 7; i >= 0; i--) this.u8(Number((v >> BigInt(i * 8)) & 0xffn));
    return this;
  }
  i64(v: bigint): this { return this.u64(BigInt.asUintN(64, v)); }
  bytes(b: Uint8Array): this { for (const x of b) this.parts.push(x); return this; }
  done(): Uint8Array { return Uint8Array.from(this.parts); }
}

/** An unspent output: `txid:index`. */
export interface OutPoint { txId: string; index: number; }

export function parseOutPoint(text: string): OutPoint {
  const [txId, index] = text.split(":");
  if (!/^[0-9a-f]{64}$/.test(txId ?? "") || !/^\d+$/.test(index ?? "")) throw new Error(`"${text}" is not <txid>:<index>`);
  return { txId, index: Number(index) };
}

/** A transfer (kind 1) as docs/protocol.md §2 encodes it. */
export interface Transfer {
  chainId: string;
  inputs: OutPoint[];
  outputs: { address: string; amount: bigint }[];
  fee: bigint;
  memo: Uint8Array;
  expiry: bigint;
}

/** The body (everything but the signature) of a transfer signed by `signer`. */
export function encodeTransferBody(tx: Transfer, signer: Uint8Array): Uint8Array {
  if (!/^[a-z0-9-]{1,32}$/.test(tx.chainId)) throw new Error(`chain id "${tx.chainId}" is not 1-32 of [a-z0-9-]`);
  if (tx.memo.length > 64) throw new Error("a memo is at most 64 bytes");
  const w = new Writer().u8(1).u8(tx.chainId.length).bytes(utf8.encode(tx.chainId)).u8(1);
  w.u16(tx.inputs.length);
  for (const input of tx.inputs) w.bytes(hexToBytes(input.txId)).u16(input.index);
  w.u16(tx.outputs.length);
  for (const output of tx.outputs) w.bytes(decodeAddress(output.address)).u64(output.amount);
  w.u64(tx.fee).u8(tx.memo.length).bytes(tx.memo).u64(tx.expiry).u8(0).bytes(signer);
  return w.done();
}

/** Signs a transfer with a 32-byte Ed25519 seed: the signed encoding and the txid (hex). */
export function signTransfer(tx: Transfer, seed: Uint8Array): { bytes: Uint8Array; txId: string } {
  const signer = ed25519.getPublicKey(seed);
  const body = encodeTransferBody(tx, signer);
  const txId = sha256(body);
  const message = new Writer().bytes(utf8.encode("fontana/tx/v1")).u8(tx.chainId.length).bytes(utf8.encode(tx.chainId)).bytes(txId).done();
  const signature = ed25519.sign(message, seed);
  const bytes = new Uint8Array(body.length + 64);
  bytes.set(body);
  bytes.set(signature, body.length);
  return { bytes, txId: bytesToHex(txId) };
}

/** The provider's challenge as it travels in `extra` and in the payment payload (docs/x402.md). */
export interface FontanaChallenge {
  id: string;
  resource: string;
  method: string;
  amount: string;
  payTo: string;
  network: string;
  expiresAt: number;
  ledgerUrl: string;
  providerKey: string;
  signature?: string;
}

/** The canonical challenge encoding (signed by the provider; its SHA-256 is the payment's memo). */
export function encodeChallenge(c: FontanaChallenge): Uint8Array {
  const text = (s: string) => { const b = utf8.encode(s); return new Writer().u16(b.length).bytes(b).done(); };
  return new Writer()
    .bytes(utf8.encode("fontana/x402-challenge/v1"))
    .bytes(hexToBytes(c.id))
    .i64(BigInt(c.expiresAt))
    .u64(BigInt(c.amount))
    .bytes(decodeAddress(c.payTo))
    .bytes(hexToBytes(c.providerKey))
    .bytes(text(c.network)).bytes(text(c.method)).bytes(text(c.resource)).bytes(text(c.ledgerUrl))
    .done();
}

/** SHA-256 of the canonical encoding: the memo of a payment answering `c`. */
export function challengeHash(c: FontanaChallenge): Uint8Array {
  return sha256(encodeChallenge(c));
}

/** Verifies the provider's signature over the challenge. */
export function verifyChallenge(c: FontanaChallenge): boolean {
  if (!c.signature) return false;
  return ed25519.verify(hexToBytes(c.signature), encodeChallenge(c), hexToBytes(c.providerKey));
}

/** The seed of an unencrypted wallet file (`-----BEGIN FONTANA WALLET-----`, docs/wallet.md). */
export function seedFromWalletFile(text: string): Uint8Array {
  const body = text.replace(/-----(BEGIN|END) FONTANA WALLET-----/g, "").replace(/\s+/g, "");
  const blob = Uint8Array.from(Buffer.from(body, "base64"));
  if (blob.length < 70 || String.fromCharCode(...blob.subarray(0, 4)) !== "FNTW" || blob[4] !== 1) throw new Error("not a Fontana wallet file");
  if (blob[5] !== 0) throw new Error("the wallet is encrypted: decrypt it with `fontana` and pass the seed");
  const seed = blob.slice(38, 70);
  if (bytesToHex(ed25519.getPublicKey(seed)) !== bytesToHex(blob.subarray(6, 38))) throw new Error("wallet-corrupt: the seed does not match the public key");
  return seed;
}
