// x402's own fetch client (@x402/fetch + @x402/core) paying the C# demo route of a real devnet built from this
// repository (`fontana devnet`, node + demo provider on 127.0.0.1), with the Fontana client scheme.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { wrapFetchWithPayment, x402Client, decodePaymentResponseHeader } from "@x402/fetch";
import { FontanaExactClient, fontanaClientConfig, isInputSpentRefusal, retryOnInputSpent } from "../dist/index.js";
import { startDevnet } from "../support/devnet.js";
import { staleCoinsFetch } from "../support/stale.js";

let devnet;
let url;
let seed;
let network;

before(async () => {
  devnet = await startDevnet();
  ({ url, seed, network } = devnet);
});

after(() => devnet?.stop());

function payingFetch() {
  const scheme = new FontanaExactClient({ seed });
  return { scheme, fetch: wrapFetchWithPayment(fetch, x402Client.fromConfig(fontanaClientConfig(scheme, network, 10_000n))) };
}

test("x402's fetch client pays the C# demo route and gets the receipt in PAYMENT-RESPONSE", async () => {
  const { scheme, fetch: pay } = payingFetch();

  const response = await pay(`${url}/demo/fortune`);

  assert.equal(response.status, 200, await response.clone().text());
  const settlement = decodePaymentResponseHeader(response.headers.get("PAYMENT-RESPONSE"));
  assert.equal(settlement.success, true);
  assert.equal(settlement.payer, scheme.address);
  assert.match(settlement.transaction, /^[0-9a-f]{64}$/);
  assert.ok(settlement.extensions?.fontana?.receipt?.sequencerSignature);
  const body = await response.json();
  assert.equal(body.txId ?? settlement.transaction, settlement.transaction);
});

test("several payments in a row, each with a fresh coin lock, all settle", async () => {
  const { fetch: pay } = payingFetch();
  for (let i = 0; i < 3; i++) {
    const response = await pay(`${url}/demo/fortune`);
    assert.equal(response.status, 200, await response.clone().text());
  }
});

test("a replayed PAYMENT-SIGNATURE gets the stored response, not a second execution", async () => {
  let header;
  const recording = async (input, init) => {
    const request = new Request(input, init);
    header ??= request.headers.get("PAYMENT-SIGNATURE") ?? undefined;
    return fetch(request);
  };
  const scheme = new FontanaExactClient({ seed });
  const pay = wrapFetchWithPayment(recording, x402Client.fromConfig(fontanaClientConfig(scheme, network, 10_000n)));
  const first = await pay(`${url}/demo/fortune`);
  assert.equal(first.status, 200);
  assert.ok(header, "the payment header was sent");

  const replay = await fetch(`${url}/demo/fortune`, { headers: { "PAYMENT-SIGNATURE": header } });

  assert.equal(replay.status, 200);
  assert.equal(await replay.text(), await first.text());
});

test("a 402 refusal from the provider is not Cache-Control cacheable", async () => {
  const response = await fetch(`${url}/demo/fortune`);
  assert.equal(response.status, 402);
  assert.equal(response.headers.get("cache-control"), "no-store");
});

/** A scheme whose first view of the wallet's coins was taken before another payment spent the coin it will pick. */
async function schemeWithStaleView() {
  const spender = payingFetch();
  const stale = await staleCoinsFetch(url, spender.scheme.address);
  const spent = await spender.fetch(`${url}/demo/fortune`);
  assert.equal(spent.status, 200, "the other payment settles and spends the coin the stale view still lists");
  return new FontanaExactClient({ seed, fetch: stale });
}

test("a payment whose coin was spent elsewhere is refused with input-spent, and nothing runs", async () => {
  const scheme = await schemeWithStaleView();
  const pay = wrapFetchWithPayment(fetch, x402Client.fromConfig(fontanaClientConfig(scheme, network, 10_000n)));

  const refused = await pay(`${url}/demo/fortune`);

  assert.equal(refused.status, 402);
  const settlement = decodePaymentResponseHeader(refused.headers.get("PAYMENT-RESPONSE"));
  assert.equal(settlement.success, false);
  assert.equal(settlement.errorReason, "input-spent");
  assert.ok(isInputSpentRefusal(refused));
});

test("retryOnInputSpent pays again with another coin after an input-spent refusal", async () => {
  const scheme = await schemeWithStaleView();
  let payments = 0;
  const counting = async (input, init) => { payments++; return fetch(input, init); };
  const inner = wrapFetchWithPayment(counting, x402Client.fromConfig(fontanaClientConfig(scheme, network, 10_000n)));
  const pay = retryOnInputSpent(inner);

  const response = await pay(`${url}/demo/fortune`);

  assert.equal(response.status, 200, await response.clone().text());
  assert.equal(decodePaymentResponseHeader(response.headers.get("PAYMENT-RESPONSE")).success, true);
  assert.equal(payments, 4, "two rounds of 402 + paid retry: the refused payment and the one that settled");
});

test("retryOnInputSpent gives the refusal back once its attempts are used up", async () => {
  const scheme = await schemeWithStaleView();
  const pay = retryOnInputSpent(wrapFetchWithPayment(fetch, x402Client.fromConfig(fontanaClientConfig(scheme, network, 10_000n))), { maxAttempts: 1 });

  const response = await pay(`${url}/demo/fortune`);

  assert.equal(response.status, 402);
  assert.ok(isInputSpentRefusal(response));
  assert.throws(() => retryOnInputSpent(fetch, { maxAttempts: 0 }), /maxAttempts/);
});
