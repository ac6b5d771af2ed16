// x402's own fetch client (@x402/fetch + @x402/core) paying the C# demo route of a real devnet built from this
// repository (`fontana devnet`, node + demo provider on 127.0.0.1), with the Fontana client scheme.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { createServer } from "node:net";
import { wrapFetchWithPayment, x402Client, decodePaymentResponseHeader } from "@x402/fetch";
import { FontanaExactClient, fontanaClientConfig, seedFromWalletFile } from "../dist/index.js";

const cli = process.env.FONTANA_CLI_DLL ?? new URL("../../../src/Fontana.Cli/bin/Debug/net10.0/fontana.dll", import.meta.url).pathname;
let devnet;
let home;
let url;
let seed;
let network;

before(async () => {
  if (!existsSync(cli)) throw new Error(`build the CLI first (dotnet build): ${cli} is missing`);
  home = mkdtempSync(join(tmpdir(), "fontana-ts-"));
  const wallet = join(home, "wallet.key");
  devnet = spawn("dotnet", [cli, "devnet", "--port", String(await freePort()), "--block-interval", "200ms", "--data-dir", join(home, "data"), "--wallet", wallet, "--json"], {
    env: { ...process.env, HOME: home, FONTANA_WALLET: "", FONTANA_NODE: "", DOTNET_CLI_TELEMETRY_OPTOUT: "1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const stderr = [];
  devnet.stderr.on("data", d => stderr.push(d));
  const firstLine = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("devnet did not start in 60 s: " + Buffer.concat(stderr))), 60_000);
    createInterface({ input: devnet.stdout }).once("line", line => { clearTimeout(timer); resolve(line); });
    devnet.once("exit", code => { clearTimeout(timer); reject(new Error(`devnet exited (${code}): ${Buffer.concat(stderr)}`)); });
  });
  const started = JSON.parse(firstLine);
  if (started.code) throw new Error("devnet failed: " + firstLine);
  url = started.url.replace(/\/+$/, "");
  network = `fontana:${started.chainId}`;
  seed = seedFromWalletFile(readFileSync(wallet, "utf8"));
});

after(() => {
  devnet?.kill("SIGKILL");
  if (home) rmSync(home, { recursive: true, force: true });
});

/** A port nothing listens on right now (the devnet needs a number). */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

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
