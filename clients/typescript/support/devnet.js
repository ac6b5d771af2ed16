// Starts `fontana devnet` from this repository's build (node + C# demo provider on 127.0.0.1, genesis funding a fresh
// wallet) for the tests; stop() kills it (SIGKILL) and removes its directory.
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { seedFromWalletFile } from "../dist/index.js";

export const cli = process.env.FONTANA_CLI_DLL ?? new URL("../../../src/Fontana.Cli/bin/Debug/net10.0/fontana.dll", import.meta.url).pathname;

export async function startDevnet() {
  if (!existsSync(cli)) throw new Error(`build the CLI first (dotnet build): ${cli} is missing`);
  const home = mkdtempSync(join(tmpdir(), "fontana-ts-"));
  const wallet = join(home, "wallet.key");
  const env = { ...process.env, HOME: home, FONTANA_WALLET: "", FONTANA_NODE: "", DOTNET_CLI_TELEMETRY_OPTOUT: "1", NO_COLOR: "1" };
  const child = spawn("dotnet", [cli, "devnet", "--port", String(await freePort()), "--block-interval", "200ms", "--data-dir", join(home, "data"), "--wallet", wallet, "--json"], {
    env, stdio: ["ignore", "pipe", "pipe"],
  });
  const stderr = [];
  child.stderr.on("data", d => stderr.push(d));
  const stop = () => { child.kill("SIGKILL"); rmSync(home, { recursive: true, force: true }); };
  try {
    const line = await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error("devnet did not start in 60 s: " + Buffer.concat(stderr))), 60_000);
      createInterface({ input: child.stdout }).once("line", l => { clearTimeout(timer); resolve(l); });
      child.once("exit", code => { clearTimeout(timer); reject(new Error(`devnet exited (${code}): ${Buffer.concat(stderr)}`)); });
    });
    const started = JSON.parse(line);
    if (started.code) throw new Error("devnet failed: " + line);
    return {
      url: started.url.replace(/\/+$/, ""), network: `fontana:${started.chainId}`, wallet, home, env,
      seed: seedFromWalletFile(readFileSync(wallet, "utf8")), stop,
    };
  } catch (e) {
    stop();
    throw e;
  }
}

/** Runs `fontana <args>` against the devnet; resolves {code, stdout, stderr}. */
export function runCli(devnet, args) {
  return new Promise(resolve => {
    const child = spawn("dotnet", [cli, ...args, "--node", devnet.url, "--wallet", devnet.wallet], { env: devnet.env });
    const out = [];
    const err = [];
    child.stdout.on("data", d => out.push(d));
    child.stderr.on("data", d => err.push(d));
    child.on("exit", code => resolve({ code, stdout: Buffer.concat(out).toString(), stderr: Buffer.concat(err).toString() }));
  });
}

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
