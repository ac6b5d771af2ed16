// Fontana explorer: decoding and verification in the browser, written from docs/protocol.md and
// docs/state-tree.md (canonical encodings, block hash, RFC 6962 inclusion proofs, bech32m addresses).
"use strict";

const FontanaVerify = (() => {
  const hex = (bytes) => Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  const fromHex = (text) => {
    if (!/^([0-9a-f]{2})*$/.test(text)) throw new Error("not lowercase hex");
    const out = new Uint8Array(text.length / 2);
    for (let i = 0; i < out.length; i++) out[i] = parseInt(text.substr(i * 2, 2), 16);
    return out;
  };
  const fromBase64 = (text) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
  const concat = (...parts) => {
    const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    let at = 0;
    for (const p of parts) { out.set(p, at); at += p.length; }
    return out;
  };
  const ascii = (text) => new TextEncoder().encode(text);
  const sha256 = async (bytes) => new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
  const equal = (a, b) => a.length === b.length && a.every((x, i) => x === b[i]);

  // A big-endian reader over a byte array; throws "truncated" when the bytes end early.
  class Reader {
    constructor(bytes) { this.bytes = bytes; this.at = 0; this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength); }
    take(n) { if (this.at + n > this.bytes.length) throw new Error("truncated"); const s = this.bytes.subarray(this.at, this.at + n); this.at += n; return s; }
    u8() { return this.take(1)[0]; }
    u16() { const v = this.view.getUint16(this.at); this.take(2); return v; }
    u32() { const v = this.view.getUint32(this.at); this.take(4); return v; }
    u64() { const v = this.view.getBigUint64(this.at); this.take(8); return v; }
  }

  // bech32m (BIP-350) encoding of a 32-byte public key with HRP "fnt".
  const CHARSET = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
  const polymod = (values) => {
    const GEN = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3];
    let chk = 1;
    for (const v of values) {
      const top = chk >>> 25;
      chk = ((chk & 0x1ffffff) << 5) ^ v;
      for (let i = 0; i < 5; i++) if ((top >>> i) & 1) chk ^= GEN[i];
    }
    return chk >>> 0;
  };
  const address = (publicKey, hrp = "fnt") => {
    const data = [];
    let acc = 0, bits = 0;
    for (const b of publicKey) { acc = (acc << 8) | b; bits += 8; while (bits >= 5) { bits -= 5; data.push((acc >>> bits) & 31); } }
    if (bits > 0) data.push((acc << (5 - bits)) & 31);
    const expand = [...hrp].map((c) => c.charCodeAt(0) >> 5).concat([0], [...hrp].map((c) => c.charCodeAt(0) & 31));
    const mod = polymod(expand.concat(data, [0, 0, 0, 0, 0, 0])) ^ 0x2bc830a3;
    const checksum = [0, 1, 2, 3, 4, 5].map((i) => (mod >>> (5 * (5 - i))) & 31);
    return hrp + "1" + data.concat(checksum).map((d) => CHARSET[d]).join("");
  };

  const KINDS = { 1: "transfer", 2: "withdrawal", 3: "deposit", 4: "withdrawal confirmation" };

  // docs/protocol.md §2: the signed transaction encoding.
  const decodeTransaction = async (bytes) => {
    const r = new Reader(bytes);
    const version = r.u8();
    const chainId = new TextDecoder().decode(r.take(r.u8()));
    const kind = r.u8();
    const inputs = [];
    for (let i = r.u16(); i > 0; i--) inputs.push({ txId: hex(r.take(32)), index: r.u16() });
    const outputs = [];
    for (let i = r.u16(); i > 0; i--) outputs.push({ address: address(r.take(32)), amount: r.u64() });
    const fee = r.u64();
    const memo = hex(r.take(r.u8()));
    const expiry = r.u64();
    const externalRef = new TextDecoder().decode(r.take(r.u8()));
    const signer = r.take(32);
    const bodyLength = r.at;
    const signature = r.take(64);
    const txId = hex(await sha256(bytes.subarray(0, bodyLength)));
    return { version, chainId, kind, kindName: KINDS[kind] || "kind " + kind, inputs, outputs, fee, memo, expiry, externalRef,
      signer: address(signer), signerKey: signer, signature, txId };
  };

  // docs/protocol.md §5: the signed header; block hash = H(unsigned header).
  const decodeHeader = async (bytes) => {
    const r = new Reader(bytes);
    const version = r.u8();
    const chainId = new TextDecoder().decode(r.take(r.u8()));
    const height = r.u64();
    const previousHash = hex(r.take(32));
    const timestamp = r.u64();
    const txCount = r.u32();
    const txRoot = hex(r.take(32));
    const stateRoot = hex(r.take(32));
    const unsignedLength = r.at;
    const signature = r.take(64);
    const hash = await sha256(bytes.subarray(0, unsignedLength));
    return { version, chainId, height, previousHash, timestamp, txCount, txRoot, stateRoot, hash: hex(hash), hashBytes: hash, signature };
  };

  const verifyEd25519 = async (publicKey, message, signature) => {
    try {
      const key = await crypto.subtle.importKey("raw", publicKey, { name: "Ed25519" }, false, ["verify"]);
      return await crypto.subtle.verify({ name: "Ed25519" }, key, signature, message);
    } catch (e) {
      return null; // this browser has no Ed25519 in WebCrypto: the check is reported as not run
    }
  };

  const verifyHeaderSignature = (header, sequencerKeyHex) => {
    const chain = ascii(header.chainId);
    const message = concat(ascii("fontana/block/v1"), Uint8Array.of(chain.length), chain, header.hashBytes);
    return verifyEd25519(fromHex(sequencerKeyHex), message, header.signature);
  };

  const verifyTransactionSignature = (tx) => {
    const chain = ascii(tx.chainId);
    const message = concat(ascii("fontana/tx/v1"), Uint8Array.of(chain.length), chain, fromHex(tx.txId));
    return verifyEd25519(tx.signerKey, message, tx.signature);
  };

  // docs/state-tree.md "Inclusion proof": index u64 ‖ size u64 ‖ p u8 ‖ p × 32-byte path; RFC 9162 §2.1.3.2.
  const verifyTxProof = async (proofBase64, txIdHex, rootHex, treeSize) => {
    const r = new Reader(fromBase64(proofBase64));
    let fn = r.u64();
    let sn = r.u64();
    const size = sn;
    const path = [];
    for (let i = r.u8(); i > 0; i--) path.push(r.take(32));
    if (r.at !== r.bytes.length || fn >= sn || size !== BigInt(treeSize)) return false;
    sn -= 1n;
    let node = await sha256(concat(Uint8Array.of(0), fromHex(txIdHex)));
    for (const sibling of path) {
      if (sn === 0n) return false;
      if ((fn & 1n) === 1n || fn === sn) {
        node = await sha256(concat(Uint8Array.of(1), sibling, node));
        while ((fn & 1n) === 0n && fn !== 0n) { fn >>= 1n; sn >>= 1n; }
      } else {
        node = await sha256(concat(Uint8Array.of(1), node, sibling));
      }
      fn >>= 1n; sn >>= 1n;
    }
    return sn === 0n && hex(node) === rootHex;
  };

  const formatTia = (utia) => {
    const v = BigInt(utia);
    const whole = v / 1000000n, frac = (v % 1000000n).toString().padStart(6, "0").replace(/0+$/, "");
    return whole.toLocaleString("en-US") + (frac ? "." + frac : "") + " TIA";
  };

  return { hex, fromHex, fromBase64, decodeTransaction, decodeHeader, verifyHeaderSignature, verifyTransactionSignature, verifyTxProof, address, formatTia, equal };
})();
