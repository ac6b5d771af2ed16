// The canonical encodings against the repository's own test vectors (docs/protocol.md §11, docs/x402.md).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { ed25519 } from "@noble/curves/ed25519.js";
import {
  bytesToHex, challengeHash, decodeAddress, encodeAddress, encodeChallenge, hexToBytes, parseOutPoint, signTransfer, verifyChallenge,
} from "../dist/index.js";

const vectors = JSON.parse(readFileSync(new URL("../../../tests/Fontana.Core.Tests/Vectors/codec-vectors.json", import.meta.url), "utf8"));

test("transfer vectors: the signed encoding and the txid match codec-vectors.json", () => {
  const transfers = vectors.transactions.filter(v => v.kind === "Transfer" && !v.externalRef);
  assert.ok(transfers.length > 0);
  for (const v of transfers) {
    const seed = hexToBytes(v.signerSeed);
    const { bytes, txId } = signTransfer({
      chainId: v.chainId,
      inputs: v.inputs.map(parseOutPoint),
      outputs: v.outputs.map(o => ({ address: o.address, amount: BigInt(o.amountUtia) })),
      fee: BigInt(v.feeUtia),
      memo: hexToBytes(v.memo ?? ""),
      expiry: BigInt(v.expiry ?? 0),
    }, seed);
    assert.equal(bytesToHex(bytes), v.hex, v.name);
    assert.equal(txId, v.txid, v.name);
  }
});

test("addresses: bech32m fnt1 round-trips and refuses a bad checksum", () => {
  const key = ed25519.getPublicKey(hexToBytes("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"));
  const address = encodeAddress(key);
  assert.match(address, /^fnt1/);
  assert.deepEqual(decodeAddress(address), key);
  const broken = address.slice(0, -1) + (address.endsWith("q") ? "p" : "q");
  assert.throws(() => decodeAddress(broken));
});

test("challenge vector of docs/x402.md: encoding, hash and signature", () => {
  const seed = hexToBytes("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
  const challenge = {
    id: "000102030405060708090a0b0c0d0e0f",
    resource: "https://api.example.com/weather?city=Paris",
    method: "GET",
    amount: "1000",
    payTo: encodeAddress(hexToBytes("3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c")),
    network: "fontana:devnet",
    expiresAt: 1750000000,
    ledgerUrl: "http://127.0.0.1:5080",
    providerKey: bytesToHex(ed25519.getPublicKey(seed)),
  };
  const encoded = encodeChallenge(challenge);
  assert.equal(bytesToHex(challengeHash(challenge)), "8d1b95d835c92057976598c441e77724a7e7f8cceabe15260e8727771e2080a7");
  const signature = bytesToHex(ed25519.sign(encoded, seed));
  assert.equal(signature, "fe41c38f9bfdb725ed86dfd85ce1acd1c0879167611ccef7271e9e2625dd1595e75cc8f01d60bf7aef249b184cf610f2e4fa806414a66eb7e353371378ec780a");
  assert.ok(verifyChallenge({ ...challenge, signature }));
  assert.ok(!verifyChallenge({ ...challenge, amount: "1001", signature }));
});
