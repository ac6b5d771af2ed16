// An @x402/express server selling on Fontana with the FontanaExactServer scheme and the node of a real devnet as its
// facilitator (HTTPFacilitatorClient): paid by the `fontana call` CLI and by x402's own fetch client; a replayed
// payment is refused by the node's duplicate rule.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import express from "express";
import { paymentMiddleware } from "@x402/express";
import { x402ResourceServer, HTTPFacilitatorClient } from "@x402/core/server";
import { wrapFetchWithPayment, x402Client, decodePaymentResponseHeader } from "@x402/fetch";
import { addressOfSeed, FontanaExactClient, FontanaExactServer, fontanaClientConfig, isInputSpentRefusal, retryOnInputSpent } from "../dist/index.js";
import { runCli, startDevnet } from "../support/devnet.js";
import { staleCoinsFetch } from "../support/stale.js";

let devnet;
let server;
let base;
let runs = 0;
const providerSeed = Uint8Array.from(randomBytes(32));

before(async () => {
  devnet = await startDevnet();
  const resourceServer = new x402ResourceServer(new HTTPFacilitatorClient({ url: `${devnet.url}/v1/x402` }))
    .register(devnet.network, new FontanaExactServer({ challengeSeed: providerSeed, ledgerUrl: devnet.url }));
  const app = express();
  app.use(paymentMiddleware({
    "GET /weather": { accepts: { scheme: "exact", price: "0.001 TIA", network: devnet.network, payTo: addressOfSeed(providerSeed) }, description: "Weather" },
  }, resourceServer));
  app.get("/weather", (_req, res) => { runs++; res.json({ forecast: "sunny", run: runs }); });
  await new Promise(resolve => { server = app.listen(0, "127.0.0.1", resolve); });
  base = `http://127.0.0.1:${server.address().port}`;
});

after(() => {
  server?.close();
  devnet?.stop();
});

test("an unpaid request gets a 402 with a Fontana challenge signed for this URL", async () => {
  const response = await fetch(`${base}/weather`);
  assert.equal(response.status, 402);
  const required = JSON.parse(Buffer.from(response.headers.get("PAYMENT-REQUIRED"), "base64").toString());
  const offer = required.accepts[0];
  assert.equal(offer.network, devnet.network);
  assert.equal(offer.amount, "1000");
  assert.equal(offer.extra.resource, `${base}/weather`);
  assert.match(offer.extra.signature, /^[0-9a-f]{128}$/);
});

test("`fontana call` (the C# SDK) pays the Express route", async () => {
  const before = runs;
  const result = await runCli(devnet, ["call", `${base}/weather`, "--max-price", "0.01 TIA"]);
  assert.equal(result.code, 0, result.stderr);
  assert.match(result.stdout, /sunny/);
  assert.equal(runs, before + 1);
});

test("x402's fetch client pays the Express route; a replay of its payment is refused by the node", async () => {
  let header;
  const recording = async (input, init) => {
    const request = new Request(input, init);
    header ??= request.headers.get("PAYMENT-SIGNATURE") ?? undefined;
    return fetch(request);
  };
  const scheme = new FontanaExactClient({ seed: devnet.seed });
  const pay = wrapFetchWithPayment(recording, x402Client.fromConfig(fontanaClientConfig(scheme, devnet.network, 10_000n)));

  const paid = await pay(`${base}/weather`);
  assert.equal(paid.status, 200, await paid.clone().text());
  assert.equal(decodePaymentResponseHeader(paid.headers.get("PAYMENT-RESPONSE")).success, true);
  const before = runs;

  const replay = await fetch(`${base}/weather`, { headers: { "PAYMENT-SIGNATURE": header } });

  assert.equal(replay.status, 402);
  const answer = [...replay.headers].map(([k, v]) => `${k}: ${v.startsWith("ey") ? Buffer.from(v, "base64").toString() : v}`).join("\n") + "\n" + await replay.text();
  assert.match(answer, /duplicate_settlement/, answer);
  assert.equal(runs, before);
});

/** A scheme whose first view of the wallet's coins was taken before another payment spent the coin it will pick. */
async function schemeWithStaleView() {
  const other = new FontanaExactClient({ seed: devnet.seed });
  const stale = await staleCoinsFetch(devnet.url, other.address);
  const spent = await wrapFetchWithPayment(fetch, x402Client.fromConfig(fontanaClientConfig(other, devnet.network, 10_000n)))(`${base}/weather`);
  assert.equal(spent.status, 200, "the other payment spends the coin the stale view still lists");
  return new FontanaExactClient({ seed: devnet.seed, fetch: stale });
}

test("the Express route refuses a payment whose coin was spent elsewhere without running the handler", async () => {
  const scheme = await schemeWithStaleView();
  const before = runs;

  const refused = await wrapFetchWithPayment(fetch, x402Client.fromConfig(fontanaClientConfig(scheme, devnet.network, 10_000n)))(`${base}/weather`);

  assert.equal(refused.status, 402);
  assert.ok(isInputSpentRefusal(refused), "the refusal names the spent input");
  assert.equal(runs, before);
});

test("retryOnInputSpent pays the Express route again with another coin; the handler runs once", async () => {
  const scheme = await schemeWithStaleView();
  const before = runs;

  const paid = await retryOnInputSpent(wrapFetchWithPayment(fetch, x402Client.fromConfig(fontanaClientConfig(scheme, devnet.network, 10_000n))))(`${base}/weather`);

  assert.equal(paid.status, 200, await paid.clone().text());
  assert.equal(runs, before + 1);
});
