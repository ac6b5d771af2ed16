// Fontana explorer and operator dashboard. Reads the node's public v1 API and /v1/stream; no external assets.
"use strict";

(() => {
  const V = FontanaVerify;
  const view = document.getElementById("view");
  const esc = (text) => String(text).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c]));
  const time = (ms) => new Date(Number(ms)).toISOString().replace("T", " ").replace(/\.\d+Z$/, " UTC");
  const badge = (status) => `<span class="badge ${esc(status)}">${esc(status)}</span>`;
  const txLink = (id) => `<a class="mono" href="#/tx/${esc(id)}">${esc(id)}</a>`;
  const blockLink = (h) => `<a href="#/block/${esc(h)}">${esc(h)}</a>`;
  const addressLink = (a) => `<a class="mono" href="#/address/${esc(a)}">${esc(a)}</a>`;
  let info = null;
  let page = { name: "", refresh: null, topic: null };

  class NotFound extends Error {}

  const api = async (path) => {
    const response = await fetch(path, { headers: { Accept: "application/json" } });
    if (response.status === 404 || response.status === 400) {
      let detail = response.statusText;
      try { detail = (await response.json()).detail || detail; } catch { /* not JSON */ }
      throw new NotFound(detail);
    }
    if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
    return response.json();
  };

  const notFound = (what, detail) => {
    view.innerHTML = `<div class="notfound" data-testid="not-found"><h1>Not found</h1>
      <p>${esc(what)}</p><p class="muted">${esc(detail || "")}</p><p><a href="#/">Back to the dashboard</a></p></div>`;
  };

  // ---- live updates over /v1/stream -------------------------------------------------------------
  let socket = null;
  const subscriptions = new Set();
  const connect = () => {
    const scheme = location.protocol === "https:" ? "wss" : "ws";
    socket = new WebSocket(`${scheme}://${location.host}/v1/stream`);
    socket.onopen = () => {
      document.getElementById("live").classList.add("on");
      subscriptions.forEach((s) => socket.send(s));
    };
    socket.onclose = () => {
      document.getElementById("live").classList.remove("on");
      setTimeout(connect, 2000);
    };
    socket.onmessage = (message) => {
      const event = JSON.parse(message.data);
      if (event.type === "header" || event.type === "tx" || event.type === "address") {
        if (page.refresh) page.refresh(event);
      }
    };
  };
  const subscribe = (request) => {
    const text = JSON.stringify(request);
    subscriptions.add(text);
    if (socket && socket.readyState === WebSocket.OPEN) socket.send(text);
  };
  const unsubscribeTopic = () => {
    if (!page.topic) return;
    const request = { ...page.topic, op: "unsubscribe" };
    subscriptions.delete(JSON.stringify(page.topic));
    if (socket && socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify(request));
    page.topic = null;
  };

  // ---- charts -----------------------------------------------------------------------------------
  const bars = (values, className = "") => {
    const max = Math.max(1, ...values);
    const w = 300 / Math.max(1, values.length);
    return `<svg viewBox="0 0 300 70" preserveAspectRatio="none">${values.map((v, i) =>
      `<rect class="${className}" x="${(i * w + 1).toFixed(1)}" y="${(70 - (v / max) * 66).toFixed(1)}" width="${Math.max(1, w - 2).toFixed(1)}" height="${((v / max) * 66).toFixed(1)}"><title>${v}</title></rect>`).join("")}</svg>`;
  };

  // ---- pages ------------------------------------------------------------------------------------
  // The bridge's public status reads: the latest deposits and withdrawals with their state (docs/bridge.md).
  const bridgeStatus = async () => {
    try {
      const [deposits, withdrawals] = await Promise.all([api("/v1/deposits?limit=10"), api("/v1/withdrawals?limit=10")]);
      return { deposits: deposits.deposits, withdrawals: withdrawals.withdrawals };
    } catch (error) {
      return { error: error.message };
    }
  };
  const depositState = (d) => d.status === "seen" ? `${badge("seen")} ${esc(d.confirmations)} of ${esc(d.requiredConfirmations)}` : badge(d.status);
  const bridgeTables = (b) => b.error ? `<p class="muted" data-testid="bridge-error">bridge status unavailable: ${esc(b.error)}</p>` : `
      <h2>Bridge: withdrawals</h2>
      <table data-testid="withdrawals"><thead><tr><th>txid</th><th>L1 address</th><th>amount</th><th>status</th><th>L1 tx</th></tr></thead><tbody>
      ${b.withdrawals.length === 0 ? `<tr class="empty"><td colspan="5">none</td></tr>` : b.withdrawals.map((w) =>
        `<tr><td>${txLink(w.txId)}</td><td class="mono">${esc(w.l1Address)}</td><td>${V.formatTia(w.amount)}</td><td>${badge(w.status)}${w.reason ? ` <span class="muted">${esc(w.reason)}</span>` : ""}</td>
        <td class="mono">${w.l1TxHash ? esc(w.l1TxHash.slice(0, 16)) + "…" : ""}</td></tr>`).join("")}
      </tbody></table>
      <h2>Bridge: deposits</h2>
      <table data-testid="deposits"><thead><tr><th>L1 tx</th><th>from</th><th>amount</th><th>status</th><th>minted</th></tr></thead><tbody>
      ${b.deposits.length === 0 ? `<tr class="empty"><td colspan="5">none</td></tr>` : b.deposits.map((d) =>
        `<tr><td class="mono">${esc(d.l1TxHash.slice(0, 16))}…/${esc(d.messageIndex)}</td><td class="mono">${esc(d.from)}</td><td>${V.formatTia(d.amount)}</td>
        <td>${depositState(d)}${d.reason ? ` <span class="muted">${esc(d.reason)}</span>` : ""}</td><td>${d.mintTxId ? txLink(d.mintTxId) : ""}</td></tr>`).join("")}
      </tbody></table>`;

  const dashboard = async () => {
    const [s, bridge] = await Promise.all([api("/explorer/api/summary"), bridgeStatus()]);
    const blocks = s.blocks;
    const oldestFirst = [...blocks].reverse();
    const txPerSecond = oldestFirst.map((b, i) => {
      const prev = oldestFirst[i - 1];
      const seconds = prev ? Math.max(0.001, (b.timestamp - prev.timestamp) / 1000) : s.blockIntervalMs / 1000;
      return Math.round((b.txCount / seconds) * 10) / 10;
    });
    const lag = oldestFirst.map((b) => (b.daStatus === "posted" ? 0 : 1));
    view.innerHTML = `
      <h1>Chain <span class="mono">${esc(s.chainId)}</span></h1>
      <div class="cards">
        <div class="card"><div class="label">tip height</div><div class="value" data-testid="tip-height">${esc(s.tip.height)}</div></div>
        <div class="card"><div class="label">tip time</div><div class="value" style="font-size:1rem">${time(s.tip.timestamp)}</div></div>
        <div class="card"><div class="label">block interval</div><div class="value">${esc(s.blockIntervalMs / 1000)} s</div></div>
        <div class="card"><div class="label">DA backlog</div><div class="value" data-testid="da-backlog">${esc(s.da.backlog)} ${s.da.alert ? badge("alert") : badge("ok")}</div></div>
        <div class="card"><div class="label">pending withdrawals</div><div class="value">${esc(s.pendingWithdrawals.length)}</div></div>
      </div>
      <div class="charts" style="margin-top:.7rem">
        <div class="card chart"><div class="label">tx/s per block</div>${bars(txPerSecond)}</div>
        <div class="card chart"><div class="label">block fill (transactions)</div>${bars(oldestFirst.map((b) => b.txCount))}</div>
        <div class="card chart"><div class="label">DA lag (unposted blocks)</div>${bars(lag, "lag")}</div>
      </div>
      <h2>Recent blocks</h2>
      <table data-testid="blocks"><thead><tr><th>height</th><th>hash</th><th>time</th><th>txs</th><th>DA</th></tr></thead><tbody>
      ${blocks.map((b) => `<tr class="${b.txCount === 0 ? "empty" : ""}"><td>${blockLink(b.height)}</td><td class="mono">${esc(b.hash.slice(0, 16))}…</td>
        <td>${time(b.timestamp)}</td><td>${b.txCount === 0 ? "empty" : esc(b.txCount)}</td><td>${badge(b.daStatus)}</td></tr>`).join("")}
      </tbody></table>
      ${bridgeTables(bridge)}
      <h2>Chain parameters</h2>
      <dl class="kv"><dt>network</dt><dd>${esc(s.network)}</dd><dt>genesis hash</dt><dd>${esc(s.genesisHash)}</dd>
      <dt>sequencer key</dt><dd>${esc(s.sequencerPublicKey)}</dd></dl>`;
    page.refresh = (event) => { if (event.type === "header") dashboard().catch(showError); };
  };

  const block = async (height) => {
    const b = await api(`/v1/blocks/${encodeURIComponent(height)}`);
    const header = await V.decodeHeader(V.fromBase64(b.header.encoded));
    const hashOk = header.hash === b.header.hash;
    const signature = await V.verifyHeaderSignature(header, info.sequencerPublicKey);
    view.innerHTML = `
      <h1>Block ${esc(b.header.height)} ${badge(b.daStatus)}</h1>
      <dl class="kv">
        <dt>hash</dt><dd data-testid="block-hash">${esc(b.header.hash)}</dd>
        <dt>previous</dt><dd>${b.header.height > 0 ? `<a href="#/block/${b.header.height - 1}">${esc(b.header.previousHash)}</a>` : esc(b.header.previousHash) + " (genesis hash)"}</dd>
        <dt>time</dt><dd>${time(b.header.timestamp)}</dd>
        <dt>transactions</dt><dd>${esc(b.header.txCount)}</dd>
        <dt>tx root</dt><dd>${esc(b.header.txRoot)}</dd>
        <dt>state root</dt><dd>${esc(b.header.stateRoot)}</dd>
        <dt>DA status</dt><dd>${esc(b.daStatus)}</dd>
        <dt>DA reference</dt><dd>${esc(b.daReference || "—")}</dd>
      </dl>
      <p class="check ${hashOk ? "ok" : "bad"}">header hash recomputed from the signed header bytes</p>
      <p class="check ${signature === true ? "ok" : signature === false ? "bad" : ""}">sequencer signature ${signature === null ? "(not checked: this browser lacks Ed25519)" : ""}</p>
      <h2>Transactions</h2>
      <table><tbody>${b.txIds.length === 0 ? `<tr class="empty"><td>empty block</td></tr>` : b.txIds.map((t) => `<tr><td>${txLink(t)}</td></tr>`).join("")}</tbody></table>
      <p>${b.header.height > 0 ? `<a href="#/block/${b.header.height - 1}">← previous</a>` : ""} <a href="#/block/${Number(b.header.height) + 1}">next →</a></p>`;
    page.refresh = null;
  };

  const transaction = async (txId) => {
    const status = await api(`/v1/transactions/${encodeURIComponent(txId)}`);
    const tx = await V.decodeTransaction(V.fromBase64(status.transaction));
    const txSignature = await V.verifyTransactionSignature(tx);
    let proof = `<p class="check">inclusion proof: not yet sealed (status ${esc(status.status)})</p>`;
    if (status.final) {
      const p = await api(`/v1/transactions/${encodeURIComponent(txId)}/proof`);
      const header = await V.decodeHeader(V.fromBase64(status.final.header.encoded));
      const headerOk = header.hash === status.final.blockHash && header.txRoot === p.txRoot;
      const proofOk = headerOk && await V.verifyTxProof(p.proof, tx.txId, header.txRoot, header.txCount);
      const sequencer = await V.verifyHeaderSignature(header, info.sequencerPublicKey);
      proof = `<p class="check ${proofOk ? "ok" : "bad"}" data-testid="proof-check">inclusion proof ${proofOk ? "verified" : "FAILED"} against block ${blockLink(status.final.blockHeight)}'s tx root</p>
        <p class="check ${sequencer === true ? "ok" : sequencer === false ? "bad" : ""}">block header signed by the sequencer ${sequencer === null ? "(not checked: no Ed25519 in this browser)" : ""}</p>`;
    }
    view.innerHTML = `
      <h1>Transaction ${badge(status.status)}</h1>
      <dl class="kv">
        <dt>txid</dt><dd data-testid="txid">${esc(status.txId)}</dd>
        <dt>kind</dt><dd>${esc(tx.kindName)}</dd>
        <dt>signer</dt><dd>${addressLink(tx.signer)}</dd>
        <dt>fee</dt><dd>${V.formatTia(tx.fee)}</dd>
        <dt>memo</dt><dd>${esc(tx.memo || "—")}</dd>
        <dt>expiry</dt><dd>${tx.expiry === 0n ? "never" : time(Number(tx.expiry) * 1000)}</dd>
        ${tx.externalRef ? `<dt>external ref</dt><dd>${esc(tx.externalRef)}</dd>` : ""}
      </dl>
      <p class="check ${tx.txId === status.txId ? "ok" : "bad"}">txid recomputed from the transaction bytes</p>
      <p class="check ${txSignature === true ? "ok" : txSignature === false ? "bad" : ""}">signer's signature ${txSignature === null ? "(not checked: no Ed25519 in this browser)" : ""}</p>
      <h2>Inputs</h2>
      <table><tbody>${tx.inputs.length === 0 ? `<tr class="empty"><td>none (bridge-issued)</td></tr>` : tx.inputs.map((i) => `<tr><td>${i.txId === info.genesisHash ? `<span class="mono">${esc(i.txId)}</span> <span class="badge">genesis allocation</span>` : txLink(i.txId)}<span class="muted">:${i.index}</span></td></tr>`).join("")}</tbody></table>
      <h2>Outputs</h2>
      <table><thead><tr><th>#</th><th>address</th><th>amount</th></tr></thead><tbody>${tx.outputs.map((o, i) =>
        `<tr><td>${i}</td><td>${addressLink(o.address)}</td><td>${V.formatTia(o.amount)}</td></tr>`).join("") || `<tr class="empty"><td colspan="3">none</td></tr>`}
        ${tx.fee > 0n ? `<tr class="empty"><td>${tx.outputs.length}</td><td>${addressLink(info.feeAddress)} (fee output, created by the ledger)</td><td>${V.formatTia(tx.fee)}</td></tr>` : ""}</tbody></table>
      <h2>Receipt</h2>
      <dl class="kv" data-testid="receipt">
        <dt>sequence</dt><dd>${esc(status.receipt.sequence)}</dd>
        <dt>accepted at</dt><dd>${time(status.receipt.acceptedAt)}</dd>
        <dt>sequencer signature</dt><dd>${esc(status.receipt.sequencerSignature)}</dd>
        ${status.final ? `<dt>block</dt><dd>${blockLink(status.final.blockHeight)} · ${esc(status.final.blockHash)}</dd><dt>DA reference</dt><dd>${esc(status.final.daReference || "—")}</dd>` : ""}
      </dl>
      ${proof}`;
    if (!page.topic) { page.topic = { op: "subscribe", topic: "tx", txId: status.txId }; subscribe(page.topic); }
    page.refresh = (event) => { if (event.type === "tx" && event.txId === status.txId) transaction(txId).catch(showError); };
  };

  const addressPage = async (addr) => {
    const [balance, utxos] = await Promise.all([api(`/v1/addresses/${encodeURIComponent(addr)}/balance`), api(`/v1/addresses/${encodeURIComponent(addr)}/utxos`)]);
    view.innerHTML = `
      <h1>Address</h1>
      <dl class="kv"><dt>address</dt><dd data-testid="address">${esc(balance.address)}</dd>
        <dt>balance</dt><dd data-testid="balance">${V.formatTia(balance.balance)}</dd><dt>unspent outputs</dt><dd>${esc(balance.utxoCount)}</dd></dl>
      <h2>Unspent outputs</h2>
      <table data-testid="utxos"><thead><tr><th>created by</th><th>amount</th></tr></thead><tbody>
      ${utxos.utxos.length === 0 ? `<tr class="empty"><td colspan="2">none</td></tr>` : utxos.utxos.map((u) => {
        const [id, index] = u.outPoint.split(":");
        return `<tr><td>${txLink(id)}<span class="muted">:${esc(index)}</span></td><td>${V.formatTia(u.amount)}</td></tr>`;
      }).join("")}</tbody></table>
      <h2>Live activity</h2>
      <table><tbody id="activity"><tr class="empty"><td>waiting for transactions touching this address…</td></tr></tbody></table>`;
    if (!page.topic) { page.topic = { op: "subscribe", topic: "address", address: balance.address }; subscribe(page.topic); }
    page.refresh = (event) => {
      if (event.type !== "address") return;
      const body = document.getElementById("activity");
      if (!body) return;
      if (body.querySelector(".empty")) body.innerHTML = "";
      body.insertAdjacentHTML("afterbegin", `<tr><td>${txLink(event.txId)}</td><td>${badge(event.status)}</td></tr>`);
    };
  };

  // ---- routing and search -------------------------------------------------------------------------
  const showError = (error) => {
    if (error instanceof NotFound) notFound(`Nothing here: ${location.hash.replace(/^#\//, "")}`, error.message);
    else view.innerHTML = `<div class="notfound"><h1>Error</h1><p>${esc(error.message)}</p></div>`;
  };

  const route = async () => {
    unsubscribeTopic();
    page = { name: "", refresh: null, topic: null };
    const [, name, arg] = (location.hash || "#/").match(/^#\/([a-z]*)\/?(.*)$/) || [];
    try {
      if (!name) await dashboard();
      else if (name === "block" && /^\d{1,20}$/.test(arg)) await block(arg);
      else if (name === "tx" && /^[0-9a-f]{64}$/.test(arg)) await transaction(arg);
      else if (name === "address" && arg) await addressPage(decodeURIComponent(arg));
      else notFound(`"${decodeURIComponent(arg || name)}" is not a block height, a txid or an address.`);
    } catch (error) { showError(error); }
  };

  document.getElementById("search").addEventListener("submit", (e) => {
    e.preventDefault();
    const q = document.getElementById("search-input").value.trim();
    if (/^\d{1,20}$/.test(q)) location.hash = `#/block/${q}`;
    else if (/^[0-9a-fA-F]{64}$/.test(q)) location.hash = `#/tx/${q.toLowerCase()}`;
    else if (/^fnt1[02-9ac-hj-np-z]{20,}$/i.test(q)) location.hash = `#/address/${q.toLowerCase()}`;
    else { location.hash = `#/search/${encodeURIComponent(q)}`; }
  });

  window.addEventListener("hashchange", route);
  api("/v1/info").then((i) => {
    info = i;
    document.getElementById("network").textContent = i.network;
    subscribe({ op: "subscribe", topic: "headers" });
    connect();
    return route();
  }).catch(showError);
})();
